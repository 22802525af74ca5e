namespace FunctionalGroups.Tool.Tests.Diagnostics;

/// <summary><see cref="GroupTreeSnapshot.RenderTree"/>: asyncio pstree's shape, exact text.</summary>
public sealed class RenderTreeTests
{
    [Fact]
    public void The_crawler_tree_nests_the_scope_under_its_child_and_shows_the_waiting_child_last()
    {
        Assert.Equal("""
            process 4242 at 2026-11-27T03:10:00.000Z: 2 groups running
            └── All #1  running  2.5s  3 children: 2 running, 0 done, limit 2
                ├── [0] slow-1  running  2.5s
                │   └── Scope #2  running  2.4s  2 children: 2 running, 0 done
                │       ├── [-1] body  running  2.4s
                │       ├── [0] link-a  running  2.4s
                │       └── [1] link-b  running  2.4s
                ├── [1] slow-2  running  2.5s
                └── [2] fast  waiting

            """.ReplaceLineEndings("\n"), SampleTree.Crawler.RenderTree());
    }

    [Fact]
    public void Cancelling_groups_timeouts_nameless_children_and_groups_of_unknown_child()
    {
        Assert.Equal("""
            process 77 at 2026-11-27T03:10:00.000Z: 3 groups running
            ├── Race #10  cancelling  3m05s  4 children: 1 running, 3 done, timeout 30s
            │   ├── [3] #3  cancelling  3m05s
            │   └── Traverse #11  cancelling  850ms  100 children: 16 running, 40 done, limit 16
            └── Settle #12  running  2h00m  1 child: 1 running, 0 done
                └── [0] report  running  2h00m

            """.ReplaceLineEndings("\n"), SampleTree.Shutdown.RenderTree());
    }

    [Fact]
    public void An_empty_tree_is_its_header_alone()
    {
        Assert.Equal("process 4242 at 2026-11-27T03:10:00.000Z: no group running\n", SampleTree.Empty.RenderTree());
    }
}

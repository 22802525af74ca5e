namespace FunctionalGroups.Tool.Tests.Diagnostics;

/// <summary><see cref="GroupTreeSnapshot.RenderTable"/>: asyncio ps's shape, one row per group and child, exact text.</summary>
public sealed class RenderTableTests
{
    [Fact]
    public void The_crawler_table_lists_groups_and_children_in_tree_order_with_their_parents()
    {
        Assert.Equal("""
            process 4242 at 2026-11-27T03:10:00.000Z: 2 groups running
            ID    PARENT  KIND   NAME    STATE    AGE   CHILDREN
            1     -       All            running  2.5s  3 children: 2 running, 0 done, limit 2
            1/0   1       child  slow-1  running  2.5s
            2     1/0     Scope          running  2.4s  2 children: 2 running, 0 done
            2/-1  2       child  body    running  2.4s
            2/0   2       child  link-a  running  2.4s
            2/1   2       child  link-b  running  2.4s
            1/1   1       child  slow-2  running  2.5s
            1/2   1       child  fast    waiting  -

            """.ReplaceLineEndings("\n"), SampleTree.Crawler.RenderTable());
    }

    [Fact]
    public void A_group_of_unknown_child_has_the_group_as_parent()
    {
        Assert.Equal("""
            process 77 at 2026-11-27T03:10:00.000Z: 3 groups running
            ID    PARENT  KIND      NAME    STATE       AGE    CHILDREN
            10    -       Race              cancelling  3m05s  4 children: 1 running, 3 done, timeout 30s
            10/3  10      child     #3      cancelling  3m05s
            11    10      Traverse          cancelling  850ms  100 children: 16 running, 40 done, limit 16
            12    -       Settle            running     2h00m  1 child: 1 running, 0 done
            12/0  12      child     report  running     2h00m

            """.ReplaceLineEndings("\n"), SampleTree.Shutdown.RenderTable());
    }

    [Fact]
    public void An_empty_table_is_the_header_and_the_column_names()
    {
        Assert.Equal("process 4242 at 2026-11-27T03:10:00.000Z: no group running\nID  PARENT  KIND  NAME  STATE  AGE  CHILDREN\n",
            SampleTree.Empty.RenderTable());
    }
}

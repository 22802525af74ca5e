using System.Text;

namespace FunctionalGroups.Testing;

/// <summary>
/// Faults for a system under test: the i-th effect wrapped by <see cref="FaultInjector.Wrap{RT, A}(LanguageExt.Aff{RT, A})"/>
/// to start behaves as <see cref="Faults"/>[i] (a succeeding fault runs the real effect after its steps; the others
/// replace it); calls beyond the list run the real effect. Optionally the caller cancels at step k.
/// </summary>
public sealed class InjectionPlan
{
    InjectionPlan(IReadOnlyList<FaultLeaf> faults, OuterEvent outer, int outerStep)
    {
        Faults = faults;
        Outer = outer;
        OuterStep = outerStep;
    }

    /// <summary>The fault of each call, in start order.</summary>
    public IReadOnlyList<FaultLeaf> Faults { get; }

    /// <summary><see cref="OuterEvent.None"/> or <see cref="OuterEvent.Cancel"/>.</summary>
    public OuterEvent Outer { get; }

    /// <summary>The step of the outer cancel (0: before the system starts).</summary>
    public int OuterStep { get; }

    /// <summary>A plan with no outer event.</summary>
    public static InjectionPlan Of(params FaultLeaf[] faults) => Create(faults);

    /// <summary>A plan. Unlike a <see cref="FaultPlan"/>, hangs are kept even when nothing in the plan would cancel
    /// them: the system may fail by itself, and when nothing does, the run cancels from outside once every call left
    /// waits for a cancellation (see <see cref="FaultInjection"/>).</summary>
    /// <exception cref="ArgumentException">A timeout (a system's timeout is its own: use
    /// <see cref="FaultInjector.TimeProvider"/>), or a negative step.</exception>
    public static InjectionPlan Create(IReadOnlyList<FaultLeaf> faults, OuterEvent outer = OuterEvent.None, int outerStep = 0)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (outer == OuterEvent.Timeout)
            throw new ArgumentException("An injection plan has no root timeout: give the system under test FaultInjector.TimeProvider.", nameof(outer));
        ArgumentOutOfRangeException.ThrowIfNegative(outerStep);
        return new InjectionPlan(faults.ToArray(), outer, outer == OuterEvent.None ? 0 : outerStep);
    }

    /// <summary>The compact form used in reports: <c>cancel at step 2; calls: ok1, fail0!, hang</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Outer == OuterEvent.Cancel) text.Append("cancel at step ").Append(OuterStep).Append("; ");
        text.Append("calls: ");
        for (var i = 0; i < Faults.Count; i++)
        {
            if (i > 0) text.Append(", ");
            Faults[i].Render(text);
        }
        if (Faults.Count == 0) text.Append("(all real)");
        return text.ToString();
    }
}

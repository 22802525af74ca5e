#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>The compiler's overload tie-breaker (C# 13), defined here for net8.0, whose library lacks it.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
sealed class OverloadResolutionPriorityAttribute(int priority) : Attribute
{
    public int Priority { get; } = priority;
}
#endif

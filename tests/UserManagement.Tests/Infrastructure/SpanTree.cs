using System.Diagnostics;

namespace UserManagement.Tests.Infrastructure;

public static class SpanTree
{
    /// <summary>Whether <paramref name="span"/>'s chain of parents, within <paramref name="spans"/> of one trace, reaches <paramref name="ancestor"/>.</summary>
    public static bool IsBeneath(this Activity span, Activity ancestor, IReadOnlyList<Activity> spans)
    {
        var byId = spans.ToDictionary(s => s.SpanId);
        for (var current = span; byId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }
}

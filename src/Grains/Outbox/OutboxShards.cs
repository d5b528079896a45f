namespace UserManagement.Grains.Outbox;

public static class OutboxShards
{
    /// <summary>Spreads the index over several grains, so registrations do not all queue at one.</summary>
    public const int Count = 16;

    /// <summary>A hash that is the same in every process (string.GetHashCode is not): FNV-1a.</summary>
    public static int Of(string userId)
    {
        var hash = 2_166_136_261u;
        foreach (var c in userId)
        {
            hash = (hash ^ c) * 16_777_619u;
        }

        return (int)(hash % Count);
    }
}

using System.Runtime.CompilerServices;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>
/// The writes of each activation's state copy that failed without an answer (a timeout, a lost connection, an error
/// after the SDK's retries), any of which DynamoDB may have stored. A later write of the same copy that finds one of
/// them stored builds on it instead of reporting a conflict. Kept with the copy, so they go when the activation goes.
/// </summary>
internal sealed class UnacknowledgedWrites
{
    /// <summary>More failed writes than this in a row, without a read between, forget the oldest.</summary>
    private const int Kept = 8;

    private readonly ConditionalWeakTable<object, List<StoredWrite>> _writes = new();

    public void Remember(object stateCopy, StoredWrite write)
    {
        var writes = _writes.GetOrCreateValue(stateCopy);
        lock (writes)
        {
            if (writes.Count == Kept)
            {
                writes.RemoveAt(0);
            }

            writes.Add(write);
        }
    }

    public bool Contains(object stateCopy, StoredWrite write)
    {
        if (!_writes.TryGetValue(stateCopy, out var writes))
        {
            return false;
        }

        lock (writes)
        {
            return writes.Contains(write);
        }
    }

    /// <summary>After a successful read or write the copy's version is known again.</summary>
    public void Forget(object stateCopy) => _writes.Remove(stateCopy);
}

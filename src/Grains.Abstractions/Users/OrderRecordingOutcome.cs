namespace UserManagement.Contracts.Users;

public enum OrderRecordingOutcome
{
    /// <summary>The order was counted and the new count is stored.</summary>
    Counted = 0,

    /// <summary>The order had been counted before (a redelivery); nothing changed.</summary>
    AlreadyCounted = 1,

    /// <summary>No user is registered under this key; nothing changed.</summary>
    UnknownUser = 2,
}

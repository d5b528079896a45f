namespace UserManagement.Contracts.Users;

[GenerateSerializer, Immutable]
public sealed record OrderRecording(
    [property: Id(0)] OrderRecordingOutcome Outcome,
    [property: Id(1)] int OrderCount,
    [property: Id(2)] UserTier Tier);

namespace UserManagement.Tests.Persistence.Grains;

/// <summary>A state DynamoDB cannot hold as typed attributes when its value is beyond DynamoDB's number range.</summary>
public sealed class MeasurementState
{
    public double Value { get; set; }

    public string Unit { get; set; } = string.Empty;
}

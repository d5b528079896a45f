namespace UserManagement.AppHost;

/// <summary>
/// What the local run may be told under <c>LocalRun</c> in the AppHost's configuration: where it keeps its data and the
/// ports it serves on 127.0.0.1. The defaults are the ones the README names; the tests pick free ones.
/// </summary>
public sealed class LocalRunSettings
{
    public const string SectionName = "LocalRun";

    /// <summary>DynamoDB's data and the events the EventBridge stand-in accepted, relative to the repository's root.</summary>
    public string DataDirectory { get; set; } = ".data";

    public string AdministratorEmailAddress { get; set; } = "admin@serverless-sample.com";

    /// <summary><c>CoHosted</c>: one silo process serves the API and consumes the queue. <c>Split</c>: three processes.</summary>
    public LocalRunTopology Topology { get; set; } = LocalRunTopology.CoHosted;

    public LocalRunPorts Ports { get; set; } = new();
}

public enum LocalRunTopology
{
    CoHosted = 0,
    Split = 1,
}

/// <summary>The ports on 127.0.0.1. The HTTP ones are where a person reaches each process; Orleans's are its own TCP ports.</summary>
public sealed class LocalRunPorts
{
    public int Api { get; set; } = 5080;

    /// <summary>The silo's own HTTP port when the topology is split (co-hosted, the silo serves on <see cref="Api"/>).</summary>
    public int Silo { get; set; } = 5081;

    public int Ingest { get; set; } = 5082;

    public int DynamoDB { get; set; } = 8000;

    public int Sqs { get; set; } = 4566;

    public int EventBridge { get; set; } = 4010;

    public int OrleansSilo { get; set; } = 11111;

    public int OrleansGateway { get; set; } = 30000;
}

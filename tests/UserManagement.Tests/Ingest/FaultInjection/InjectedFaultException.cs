namespace UserManagement.Tests.Ingest.FaultInjection;

/// <summary>Stands for a transient failure inside the cluster (a storage write that failed, a silo going away).</summary>
[GenerateSerializer]
public sealed class InjectedFaultException : Exception
{
    public InjectedFaultException()
    {
    }

    public InjectedFaultException(string message)
        : base(message)
    {
    }

    public InjectedFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

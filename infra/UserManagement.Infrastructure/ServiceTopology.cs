namespace UserManagement.Infrastructure;

/// <summary>How the service's processes are deployed (context value <c>topology</c>).</summary>
public enum ServiceTopology
{
    CoHosted = 0,
    Split = 1,
}

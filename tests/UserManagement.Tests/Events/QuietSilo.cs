using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace UserManagement.Tests.Events;

/// <summary>
/// A test silo that logs warnings and errors only: at the volume of thousands of users retrying, the test silos' trace
/// logging would cost more CPU than the silo's work and keep gigabytes of captured lines.
/// </summary>
public sealed class QuietSilo : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.Services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
}

using UserManagement.Tests.Builders;
using UserManagement.Tests.Infrastructure;

namespace UserManagement.Tests.Cluster.Harness;

/// <summary>Keeps registering, logging in and reading users while the cluster is disturbed, counting what fails.</summary>
public sealed class ApiProbe(GatewayClient gateway, string adminToken, IReadOnlyList<string> userIds)
{
    public async Task<(int Calls, int Failures)> Run(CancellationToken stopping)
    {
        var (calls, failures) = (0, 0);
        while (!stopping.IsCancellationRequested)
        {
            var registration = A.Registration();
            foreach (var call in new Func<Task<HttpResponseMessage>>[]
            {
                () => gateway.Register(registration),
                () => gateway.Login(registration.EmailAddress, registration.Password),
                () => gateway.GetUser(userIds[Random.Shared.Next(userIds.Count)], adminToken),
            })
            {
                calls++;
                try
                {
                    using var response = await call();
                    failures += response.IsSuccessStatusCode ? 0 : 1;
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    failures++;
                }
            }

            await Task.Delay(200, CancellationToken.None);
        }

        return (calls, failures);
    }
}

using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace UserManagement.Gateway.Common;

/// <summary>
/// The cancellation of a grain call made for a request: the client hung up, or the Orleans client's response timeout
/// passed, after which nobody waits for the answer. The grain drops work for a cancelled call (a queued password hash
/// is never computed).
/// </summary>
public static class GrainCallDeadline
{
    public static CancellationTokenSource For(HttpContext http)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(http.RequestServices.GetRequiredService<IOptions<ClientMessagingOptions>>().Value.ResponseTimeout);
        return deadline;
    }
}

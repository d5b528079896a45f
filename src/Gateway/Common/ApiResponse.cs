namespace UserManagement.Gateway.Common;

/// <summary>The contract's envelope: <c>{"data": …, "message": ""}</c>.</summary>
public sealed record ApiResponse<T>(T Data, string Message = "");

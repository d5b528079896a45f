using UserManagement.Gateway;
using UserManagement.ServiceDefaults;
using UserManagement.ServiceDefaults.Orleans;

// The API as a tier of its own, an Orleans client of the cluster; a silo can serve the same API itself (co-hosted).
var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddUserManagementClusterClient();
builder.AddGatewayApi();

var app = builder.Build();
app.UseGatewayApi();
app.MapDefaultEndpoints();
app.MapGatewayApi();
app.Run();

/// <summary>The gateway's entry point, visible to the API tests' <c>WebApplicationFactory</c>.</summary>
public partial class Program;

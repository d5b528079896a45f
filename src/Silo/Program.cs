using UserManagement.Grains.Hosting;
using UserManagement.Grains.Users;
using UserManagement.ServiceDefaults;
using UserManagement.Silo;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.UseOrleans(silo =>
{
    silo.UseConfiguredClustering(builder.Configuration);
    silo.AddUserGrains();
    silo.AddMemoryGrainStorage(UserGrain.StorageName);
});

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

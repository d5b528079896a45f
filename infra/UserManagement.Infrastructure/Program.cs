using Amazon.CDK;
using UserManagement.Infrastructure;

var app = new App();
var settings = UserManagementSettings.FromContext(app.Node);
new UserManagementStack(app, settings.StackName, settings, RepositoryRoot.Locate(Directory.GetCurrentDirectory()));
app.Synth();

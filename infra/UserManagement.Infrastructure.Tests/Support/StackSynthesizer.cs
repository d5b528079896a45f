using Amazon.CDK;
using Amazon.CDK.Assertions;

namespace UserManagement.Infrastructure.Tests.Support;

/// <summary>Builds the stack the way the CDK app does, from context values, and synthesises it into a template.</summary>
public static class StackSynthesizer
{
    public static SynthesizedStack Synthesize(IDictionary<string, object>? context = null)
    {
        var app = new App(new AppProps { Context = context ?? new Dictionary<string, object>() });
        var settings = UserManagementSettings.FromContext(app.Node);
        var stack = new UserManagementStack(app, settings.StackName, settings, RepositoryRoot.Locate(AppContext.BaseDirectory));
        var template = Template.FromStack(stack);
        return new SynthesizedStack(app, stack, template);
    }
}

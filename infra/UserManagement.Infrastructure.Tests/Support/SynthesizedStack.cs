using Amazon.CDK;
using Amazon.CDK.Assertions;
using Constructs;
using Newtonsoft.Json.Linq;

namespace UserManagement.Infrastructure.Tests.Support;

/// <summary>A synthesised stack with its template, both as CDK assertions and as JSON for queries the assertions lack.</summary>
public sealed class SynthesizedStack
{
    public SynthesizedStack(App app, UserManagementStack stack, Template template)
    {
        App = app;
        Stack = stack;
        Template = template;
        Json = JObject.FromObject(template.ToJSON());
    }

    public App App { get; }

    public UserManagementStack Stack { get; }

    public Template Template { get; }

    public JObject Json { get; }

    /// <summary>Logical id of the CloudFormation resource behind an L2 construct (its default child).</summary>
    public string LogicalIdOf(IConstruct construct) =>
        Stack.GetLogicalId((CfnElement)construct.Node.DefaultChild!);

    public JObject Resource(string logicalId) =>
        (JObject?)Json["Resources"]?[logicalId] ?? throw new KeyNotFoundException($"No resource {logicalId} in the template.");

    public JObject PropertiesOf(IConstruct construct) => (JObject)Resource(LogicalIdOf(construct))["Properties"]!;

    public IEnumerable<(string LogicalId, JObject Properties)> ResourcesOfType(string type) =>
        ((JObject)Json["Resources"]!).Properties()
            .Where(resource => (string?)resource.Value["Type"] == type)
            .Select(resource => (resource.Name, (JObject?)resource.Value["Properties"] ?? []));
}

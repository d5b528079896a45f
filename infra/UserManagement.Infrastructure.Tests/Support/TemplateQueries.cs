using Newtonsoft.Json.Linq;

namespace UserManagement.Infrastructure.Tests.Support;

/// <summary>An ingress rule as CloudFormation states it, either on the group itself or as a separate resource.</summary>
public sealed record IngressRule(string TargetGroupLogicalId, int FromPort, int ToPort, string? SourceGroupLogicalId, string? SourceCidr);

public static class TemplateQueries
{
    /// <summary>Every IAM action granted to a role, through inline policies, separate policy resources or managed policies.</summary>
    public static IReadOnlyList<string> ActionsGrantedTo(this SynthesizedStack synthesized, string roleLogicalId)
    {
        var role = (JObject)synthesized.Resource(roleLogicalId)["Properties"]!;
        var documents = new List<JToken>();
        documents.AddRange(role["Policies"]?.Select(policy => policy["PolicyDocument"]!) ?? []);
        documents.AddRange(synthesized.ResourcesOfType("AWS::IAM::Policy")
            .Where(policy => policy.Properties["Roles"]!.Any(reference => IsRefTo(reference, roleLogicalId)))
            .Select(policy => policy.Properties["PolicyDocument"]!));

        return documents
            .SelectMany(document => document["Statement"]!)
            .Where(statement => (string?)statement["Effect"] == "Allow")
            .SelectMany(statement => AsStrings(statement["Action"]))
            .ToList();
    }

    /// <summary>Allow statements granted to a role, with their actions and resources.</summary>
    public static IReadOnlyList<JObject> StatementsGrantedTo(this SynthesizedStack synthesized, string roleLogicalId) =>
        synthesized.ResourcesOfType("AWS::IAM::Policy")
            .Where(policy => policy.Properties["Roles"]!.Any(reference => IsRefTo(reference, roleLogicalId)))
            .SelectMany(policy => policy.Properties["PolicyDocument"]!["Statement"]!)
            .Cast<JObject>()
            .Where(statement => (string?)statement["Effect"] == "Allow")
            .ToList();

    public static IReadOnlyList<IngressRule> IngressRules(this SynthesizedStack synthesized)
    {
        var separateRules = synthesized.ResourcesOfType("AWS::EC2::SecurityGroupIngress")
            .Select(rule => ToIngressRule(GroupIdLogicalId(rule.Properties["GroupId"]!), rule.Properties));
        var inlineRules = synthesized.ResourcesOfType("AWS::EC2::SecurityGroup")
            .SelectMany(group => (group.Properties["SecurityGroupIngress"] ?? new JArray())
                .Select(rule => ToIngressRule(group.LogicalId, (JObject)rule)));
        return separateRules.Concat(inlineRules).ToList();
    }

    public static IReadOnlyList<IngressRule> IngressRulesOnPort(this SynthesizedStack synthesized, int port) =>
        synthesized.IngressRules().Where(rule => rule.FromPort <= port && port <= rule.ToPort).ToList();

    /// <summary>The single container of a service's task definition.</summary>
    public static JObject ContainerOf(this SynthesizedStack synthesized, UserManagementService service) =>
        (JObject)synthesized.PropertiesOf(service.TaskDefinition)["ContainerDefinitions"]!.Single();

    public static IReadOnlyDictionary<string, JToken> EnvironmentOf(this SynthesizedStack synthesized, UserManagementService service) =>
        synthesized.ContainerOf(service)["Environment"]!
            .ToDictionary(variable => (string)variable["Name"]!, variable => variable["Value"]!);

    public static IReadOnlyDictionary<string, JToken> SecretsOf(this SynthesizedStack synthesized, UserManagementService service) =>
        (synthesized.ContainerOf(service)["Secrets"] ?? new JArray())
            .ToDictionary(secret => (string)secret["Name"]!, secret => secret["ValueFrom"]!);

    public static JObject Ref(string logicalId) => new() { ["Ref"] = logicalId };

    public static JObject GetAtt(string logicalId, string attribute) =>
        new() { ["Fn::GetAtt"] = new JArray(logicalId, attribute) };

    public static bool IsRefTo(JToken reference, string logicalId) =>
        JToken.DeepEquals(reference, Ref(logicalId));

    public static IEnumerable<string> AsStrings(JToken? token) => token switch
    {
        null => [],
        JArray array => array.Select(item => (string)item!),
        _ => [(string)token!],
    };

    private static IngressRule ToIngressRule(string targetGroupLogicalId, JObject rule) => new(
        targetGroupLogicalId,
        (int?)rule["FromPort"] ?? 0,
        (int?)rule["ToPort"] ?? 65535,
        rule["SourceSecurityGroupId"] is { } source ? GroupIdLogicalId(source) : null,
        (string?)rule["CidrIp"] ?? (string?)rule["CidrIpv6"]);

    private static string GroupIdLogicalId(JToken groupId) =>
        (string?)groupId["Fn::GetAtt"]?[0] ?? throw new InvalidOperationException($"Unexpected security group reference {groupId}.");
}

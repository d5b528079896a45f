using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace UserManagement.Persistence.DynamoDB;

/// <summary>Refuses settings DynamoDB would refuse later, so a silo with a bad configuration does not start.</summary>
internal sealed partial class DynamoDBGrainStorageOptionsValidator : IValidateOptions<DynamoDBGrainStorageOptions>
{
    private static readonly TimeSpan LongestRequestTimeout = TimeSpan.FromMinutes(5);

    public ValidateOptionsResult Validate(string? name, DynamoDBGrainStorageOptions options)
    {
        var section = DynamoDBGrainStorageOptions.ConfigurationSectionFor(name ?? Options.DefaultName);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.TableName) || !TableNamePattern().IsMatch(options.TableName))
        {
            failures.Add(
                $"{section}:{nameof(options.TableName)} must be 3 to 255 letters, digits, '_', '-' or '.' (was '{options.TableName}').");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > LongestRequestTimeout)
        {
            failures.Add(
                $"{section}:{nameof(options.RequestTimeout)} must be more than zero and at most {LongestRequestTimeout} (was {options.RequestTimeout}).");
        }

        if (options.JsonSerializerOptions is null)
        {
            failures.Add($"{section}:{nameof(options.JsonSerializerOptions)} must be set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-zA-Z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();
}

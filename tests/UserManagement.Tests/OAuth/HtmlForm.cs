using System.Net;
using System.Text.RegularExpressions;

namespace UserManagement.Tests.OAuth;

/// <summary>The fields of the form on a page the sign-in endpoint rendered, as a browser would submit them.</summary>
public static partial class HtmlForm
{
    public static Dictionary<string, string> HiddenFields(string html) =>
        HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]*)\" value=\"(?<value>[^\"]*)\">")]
    private static partial Regex HiddenInput();
}

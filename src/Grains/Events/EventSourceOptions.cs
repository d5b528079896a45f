using System.ComponentModel.DataAnnotations;

namespace UserManagement.Grains.Events;

/// <summary>Section <c>Events</c>, as far as the grains need it: who the events they record say they come from.</summary>
public sealed class EventSourceOptions
{
    public const string SectionName = "Events";

    /// <summary>The <c>source</c> of the events this service publishes; production sets <c>&lt;env&gt;.users</c>.</summary>
    [Required]
    public string Source { get; set; } = "local.users";
}

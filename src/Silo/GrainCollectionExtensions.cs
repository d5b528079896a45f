using Orleans.Configuration;

namespace UserManagement.Silo;

public static class GrainCollectionExtensions
{
    public const string SectionName = "Orleans:GrainCollection";

    /// <summary>The idle time after which a user's grain is deactivated, so memory holds active users only.</summary>
    public static readonly TimeSpan DefaultCollectionAge = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Idle grains are deactivated after <c>Orleans:GrainCollection:CollectionAge</c> (any <see cref="GrainCollectionOptions"/>
    /// property can be set there; a collection age below a minute needs a shorter <c>CollectionQuantum</c> too).
    /// </summary>
    public static ISiloBuilder UseConfiguredGrainCollection(this ISiloBuilder silo)
    {
        silo.Services.AddOptions<GrainCollectionOptions>()
            .Configure(collection => collection.CollectionAge = DefaultCollectionAge)
            .BindConfiguration(SectionName);
        return silo;
    }
}

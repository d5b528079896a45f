using UserManagement.Resilience;

namespace UserManagement.Tests.Resilience;

public sealed class BackoffTests
{
    private static readonly Backoff OneSecondUpToAMinute = new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(1_000, 60)]
    [InlineData(int.MaxValue, 60)]
    public void The_delay_doubles_with_each_failure_up_to_the_cap(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OneSecondUpToAMinute.Delay(failures));

    [Fact]
    public void No_failure_means_no_delay() => Assert.Equal(TimeSpan.Zero, OneSecondUpToAMinute.Delay(0));

    [Fact]
    public void A_cap_below_the_first_delay_wins() =>
        Assert.Equal(TimeSpan.FromSeconds(2), new Backoff(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2)).Delay(1));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(50)]
    public void Jitter_stays_between_half_the_delay_and_all_of_it(int failures)
    {
        var random = new Random(failures);
        var delay = OneSecondUpToAMinute.Delay(failures);
        var jittered = Enumerable.Range(0, 1_000).Select(_ => OneSecondUpToAMinute.DelayWithJitter(failures, random)).ToList();

        Assert.All(jittered, wait => Assert.InRange(wait, delay / 2, delay));
        Assert.True(jittered.Distinct().Count() > 1, "the delays vary");
    }
}

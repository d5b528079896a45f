using System.Globalization;

namespace UserManagement.Bench.Load;

/// <summary>A line on stderr, redrawn a few times a second, with how far the running round has come.</summary>
public sealed class ProgressDisplay : IDisposable
{
    private readonly string _label;
    private readonly long _total;
    private readonly Func<long> _done;
    private readonly Timer _timer;

    public ProgressDisplay(string label, long total, Func<long> done)
    {
        (_label, _total, _done) = (label, total, done);
        _timer = new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    public void Dispose()
    {
        _timer.Dispose();
        Console.Error.Write("\r" + new string(' ', 110) + "\r");
    }

    private void Draw()
    {
        var done = _done();
        Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r  {_label,-50} {done,8}/{_total} ({100.0 * done / _total,3:F0} %)"));
    }
}

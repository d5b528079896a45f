using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using UserManagement.Contracts.Passwords;

namespace UserManagement.Grains.Passwords;

/// <summary>
/// CPU-heavy jobs on threads of their own, a fixed number at once, behind a bounded queue. A job is refused at once
/// when the queue is full, and dropped without being computed when its caller gives up or it has waited past the
/// timeout. No job ever runs on the .NET thread pool, which Orleans's scheduler, its networking and its membership
/// probes need to answer in time.
/// </summary>
internal sealed class HashingQueue : IDisposable
{
    private readonly BlockingCollection<IQueuedJob> _waiting;
    private readonly Thread[] _threads;
    private readonly TimeSpan _timeout;
    private readonly PasswordHashingMetrics _metrics;
    private long _typicalJobTicks;
    private volatile bool _disposed;

    public HashingQueue(int threads, int capacity, TimeSpan timeout, IMeterFactory? meters)
    {
        _timeout = timeout;
        _waiting = new BlockingCollection<IQueuedJob>(new ConcurrentQueue<IQueuedJob>(), capacity);
        _metrics = new PasswordHashingMetrics(meters, () => _waiting.Count);
        _threads = [.. Enumerable.Range(1, threads).Select(n => new Thread(Work) { IsBackground = true, Name = $"Argon2id {n}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a hashing thread. Throws <see cref="PasswordHashingBusyException"/> at once when
    /// the queue is full; the task fails with it when no thread was free within the timeout, and is cancelled, the work
    /// never started, when <paramref name="cancellationToken"/> is cancelled first.
    /// </summary>
    public Task<T> Run<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (cancellationToken.IsCancellationRequested)
        {
            _metrics.Dropped(PasswordHashingMetrics.Cancelled);
            return Task.FromCanceled<T>(cancellationToken);
        }

        var job = new QueuedJob<T>(work, this, cancellationToken);
        if (!_waiting.TryAdd(job))
        {
            job.Discard();
            _metrics.Dropped(PasswordHashingMetrics.QueueFull);
            throw new PasswordHashingBusyException(RetryAfter());
        }

        return job.Task;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _waiting.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }

        _waiting.Dispose();
    }

    /// <summary>About how long until the jobs waiting now have run: never less than a second.</summary>
    private TimeSpan RetryAfter()
    {
        var rounds = (double)(_waiting.Count + _threads.Length) / _threads.Length;
        var estimate = TimeSpan.FromTicks((long)(rounds * Interlocked.Read(ref _typicalJobTicks)));
        return estimate > TimeSpan.FromSeconds(1) ? estimate : TimeSpan.FromSeconds(1);
    }

    private void Work()
    {
        foreach (var job in _waiting.GetConsumingEnumerable())
        {
            if (_disposed)
            {
                job.Discard();
                continue;
            }

            if (job.TryRun() is { } took)
            {
                // A moving average over about the last eight jobs; a lost update among threads is of no consequence.
                var typical = Interlocked.Read(ref _typicalJobTicks);
                Interlocked.Exchange(ref _typicalJobTicks, typical == 0 ? took.Ticks : typical + ((took.Ticks - typical) / 8));
            }
        }
    }

    private interface IQueuedJob
    {
        /// <summary>Runs the job unless it was dropped; answers how long it ran.</summary>
        TimeSpan? TryRun();

        /// <summary>Drops the job without running it: the queue refused it or is shutting down.</summary>
        void Discard();
    }

    private sealed class QueuedJob<T> : IQueuedJob
    {
        private const int Waiting = 0;
        private const int Started = 1;
        private const int Dropped = 2;

        private readonly Func<T> _work;
        private readonly HashingQueue _queue;
        private readonly CancellationToken _caller;
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long _queuedAt = Stopwatch.GetTimestamp();
        private readonly CancellationTokenSource _deadline;
        private readonly CancellationTokenRegistration _dropWhenDue;
        private int _state = Waiting;

        public QueuedJob(Func<T> work, HashingQueue queue, CancellationToken caller)
        {
            (_work, _queue, _caller) = (work, queue, caller);
            _deadline = CancellationTokenSource.CreateLinkedTokenSource(caller);
            _deadline.CancelAfter(queue._timeout);
            _dropWhenDue = _deadline.Token.UnsafeRegister(static job => ((QueuedJob<T>)job!).DropWhileWaiting(), this);
        }

        public Task<T> Task => _result.Task;

        public TimeSpan? TryRun()
        {
            var started = Interlocked.CompareExchange(ref _state, Started, Waiting) == Waiting;
            ReleaseDeadline();
            if (!started)
            {
                return null;
            }

            var runningSince = Stopwatch.GetTimestamp();
            _queue._metrics.Started(Stopwatch.GetElapsedTime(_queuedAt, runningSince));
            Exception? failure = null;
            var result = default(T);
            try
            {
                result = _work();
            }
            catch (Exception exception)
            {
                failure = exception;
            }

            // Counted before the caller resumes, so what a caller sees has always been counted.
            var took = Stopwatch.GetElapsedTime(runningSince);
            _queue._metrics.Computed();
            if (failure is null)
            {
                _result.TrySetResult(result!);
            }
            else
            {
                _result.TrySetException(failure);
            }

            return took;
        }

        public void Discard()
        {
            if (Interlocked.CompareExchange(ref _state, Dropped, Waiting) == Waiting)
            {
                _result.TrySetCanceled(CancellationToken.None);
            }

            ReleaseDeadline();
        }

        /// <summary>The caller gave up, or the job waited too long: it is never computed.</summary>
        private void DropWhileWaiting()
        {
            if (Interlocked.CompareExchange(ref _state, Dropped, Waiting) != Waiting)
            {
                return;
            }

            if (_caller.IsCancellationRequested)
            {
                _queue._metrics.Dropped(PasswordHashingMetrics.Cancelled);
                _result.TrySetCanceled(_caller);
            }
            else
            {
                _queue._metrics.Dropped(PasswordHashingMetrics.Expired);
                _result.TrySetException(new PasswordHashingBusyException(_queue.RetryAfter()));
            }
        }

        private void ReleaseDeadline()
        {
            _dropWhenDue.Dispose();
            _deadline.Dispose();
        }
    }
}

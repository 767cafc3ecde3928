using System.Diagnostics;

namespace ImportOperator.Engine.Pipeline;

/// <summary>
/// Collects <see cref="ImportStageTiming"/>s from the pipeline's threads; costs one lock per batch and stage, and
/// nothing at all when nobody observes.
/// </summary>
internal sealed class StageClock(IImportObserver? observer)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (DateTimeOffset Start, DateTimeOffset End, long BusyTicks, long Runs)> _stages = new(StringComparer.Ordinal);

    public bool Enabled => observer is not null;

    /// <summary>Runs <paramref name="work"/> as one run of <paramref name="stage"/>.</summary>
    public T Time<T>(string stage, Func<T> work)
    {
        if (observer is null) return work();
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.GetTimestamp();
        try { return work(); }
        finally { Add(stage, start, Stopwatch.GetElapsedTime(clock)); }
    }

    public void Time(string stage, Action work) => Time(stage, () => { work(); return true; });

    /// <summary>One run of a stage that started at <paramref name="start"/> and worked <paramref name="busy"/>.</summary>
    public void Add(string stage, DateTimeOffset start, TimeSpan busy)
    {
        if (observer is null) return;
        var end = start + busy;
        lock (_gate)
        {
            _stages[stage] = _stages.TryGetValue(stage, out var s)
                ? (s.Start < start ? s.Start : start, s.End > end ? s.End : end, s.BusyTicks + busy.Ticks, s.Runs + 1)
                : (start, end, busy.Ticks, 1);
        }
    }

    /// <summary>Tells the observer every stage that ran, in the order they first started.</summary>
    public void Report()
    {
        if (observer is null) return;
        List<ImportStageTiming> timings;
        lock (_gate)
            timings = _stages.Select(p => new ImportStageTiming(p.Key, p.Value.Start, p.Value.End, TimeSpan.FromTicks(p.Value.BusyTicks), p.Value.Runs))
                .OrderBy(t => t.Start).ToList();
        foreach (var timing in timings) observer.StageCompleted(timing);
    }
}

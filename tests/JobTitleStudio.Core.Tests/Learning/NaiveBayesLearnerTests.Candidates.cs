using System.Numerics.Tensors;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

/// <summary>Naive Bayes scored at candidates against the postings themselves, after corrections and beside them (from the review of its speed-ups).</summary>
public sealed partial class NaiveBayesLearnerTests
{
    private static float[] Reference(NaiveBayesLearner.Snapshot snapshot, TitleInput probe, int[] candidates)
    {
        var mass = TensorPrimitives.Sum(probe.Features.Values);
        var expected = candidates.Select(c => (double)snapshot.LogPrior[c] - mass * snapshot.LogNormaliser[c]).ToArray();
        for (var i = 0; i < probe.Features.Ids.Length; i++)
        {
            var feature = probe.Features.Ids[i];
            if (feature >= TestFeatures.Dimension)
            {
                continue;
            }
            var postings = (snapshot.OverlayCount > 0 ? snapshot.Overlay[feature] : null) ?? snapshot.Base.Postings(feature);
            for (var k = 0; k < candidates.Length; k++)
            {
                expected[k] += probe.Features.Values[i] * postings.LogOf(candidates[k]);
            }
        }
        var max = expected.Max();
        var e = expected.Select(s => Math.Exp(s - max)).ToArray();
        var sum = e.Sum();
        return [.. e.Select(x => (float)(x / sum))];
    }

    [Theory]
    [InlineData(1024, 0, 16)]
    [InlineData(1025, 0, 16)]
    [InlineData(1024, 60, 16)]
    [InlineData(1025, 60, 16)]
    [InlineData(1024, 2000, 33)]
    [InlineData(1017, 300, 1)]
    [InlineData(1017, 300, 1017)]
    [InlineData(4100, 50, 4100)]
    [InlineData(1, 10, 1)]
    [InlineData(2, 10, 2)]
    [InlineData(33, 10, 7)]
    [InlineData(200, 10, 9)]
    public void Candidates_match_the_postings_after_many_corrections(int categoryCount, int corrections, int candidateCount)
    {
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(categoryCount, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn(Table(features, categoryCount, seed: 31, rows: 3000));
        var random = new Random(7);
        // Corrections: many of them, some giving a category its first example (a high, never seen label).
        foreach (var example in Table(features, categoryCount, seed: 8, rows: corrections))
        {
            var label = random.Next(4) == 0 ? categoryCount - 1 - random.Next(Math.Min(3, categoryCount)) : example.Labels[0];
            bayes.Learn(example with { Labels = [label], IsCorrection = true });
        }
        var snapshot = bayes.Current;
        var probes = Enumerable.Range(0, 150).Select(_ => features.Input(string.Join(' ', Enumerable.Range(0, random.Next(1, 9)).Select(_ => $"w{random.Next(60)}")))).ToArray();
        foreach (var probe in probes)
        {
            var candidates = Enumerable.Range(0, categoryCount).OrderBy(_ => random.Next()).Take(candidateCount).ToArray();
            if (random.Next(3) == 0 && candidateCount < categoryCount)
            {
                candidates[^1] = categoryCount - 1; // the last category: the bitmap's last bit at 1,024
            }
            candidates = [.. candidates.Distinct()];
            var answered = new float[categoryCount];

            snapshot.Predict(probe, candidates, answered);

            var expected = Reference(snapshot, probe, candidates);
            for (var k = 0; k < candidates.Length; k++)
            {
                Assert.Equal(expected[k], answered[candidates[k]], 2e-4f);
            }
        }
    }

    [Fact]
    public async Task Concurrent_predictions_during_corrections_stay_consistent()
    {
        const int categoryCount = 1017;
        var features = new TestFeatures();
        var bayes = new NaiveBayesLearner(categoryCount, TestFeatures.Dimension, new NaiveBayesOptions());
        bayes.Learn(Table(features, categoryCount, seed: 31, rows: 3000));
        var probes = Enumerable.Range(0, 60).Select(i => features.Input($"w{i % 60} w{(i * 7) % 60} w{(i * 13) % 60}")).ToArray();
        var corrections = Table(features, categoryCount, seed: 9, rows: 4000);
        using var stop = new CancellationTokenSource();
        var failures = 0;
        var checks = 0;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var random = new Random(r);
            while (!stop.IsCancellationRequested)
            {
                var snapshot = bayes.Current;
                var probe = probes[random.Next(probes.Length)];
                var candidates = Enumerable.Range(0, categoryCount).OrderBy(_ => random.Next()).Take(24).ToArray();
                var answered = new float[categoryCount];
                snapshot.Predict(probe, candidates, answered);
                var expected = Reference(snapshot, probe, candidates);
                for (var k = 0; k < candidates.Length; k++)
                {
                    if (MathF.Abs(expected[k] - answered[candidates[k]]) > 2e-4f)
                    {
                        Interlocked.Increment(ref failures);
                        break;
                    }
                }
                Interlocked.Increment(ref checks);
            }
        })).ToArray();
        // Readers first, then corrections until the readers have checked snapshots taken while they were written.
        while (Volatile.Read(ref checks) == 0)
        {
            await Task.Delay(1);
        }
        var written = 0;
        foreach (var example in corrections)
        {
            bayes.Learn(example with { IsCorrection = true });
            written++;
            if (written >= 1000 && Volatile.Read(ref checks) > 200)
            {
                break;
            }
        }
        stop.Cancel();
        await Task.WhenAll(readers);
        Assert.True(checks > 10, $"{checks} checks");
        Assert.Equal(0, failures);
    }
}

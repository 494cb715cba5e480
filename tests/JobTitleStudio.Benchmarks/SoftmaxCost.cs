using System.Numerics;
using System.Numerics.Tensors;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// The passes between the learners and the answer on every single-label axis, in one process, rounds alternating:
/// the TensorPrimitives chains a prediction ran before (max, subtract, exp, sum, divide, the skip test's max; add, log,
/// multiply, with naive Bayes's add, log, multiply-add when it is dense; max, subtract, exp, sum, scale and shift; the
/// title memory's scalar multiply) against <see cref="Probability"/>'s fused passes. The sparse additions between them
/// cost the same in both and are left out. Inputs are each title's real linear scores (log of the linear model's
/// probabilities) and naive Bayes outputs; the two results are compared float by float.
/// </summary>
internal static class SoftmaxCost
{
    private const int Rounds = 6;

    public static int Run(string modelPath, string titlesCsv)
    {
        var model = ModelFile.Load(modelPath);
        var learners = model.CurrentLearners;
        var titles = Csv.DistinctTitles(titlesCsv);
        var inputs = titles.Select(t => TitleInput.Of(model.Featurizer.Analyze(t))).ToArray();
        var axes = Enumerable.Range(0, model.Axes.Count).Where(a => !model.Axes[a].MultiLabel).ToArray();
        var scores = new float[titles.Length][][];
        var bayes = new float[titles.Length][][];
        for (var i = 0; i < titles.Length; i++)
        {
            scores[i] = new float[model.Axes.Count][];
            bayes[i] = new float[model.Axes.Count][];
            foreach (var a in axes)
            {
                var count = model.Axes[a].Count;
                scores[i][a] = new float[count];
                learners.Linear.Current.Predict(a, inputs[i], scores[i][a]);
                TensorPrimitives.Log(scores[i][a], scores[i][a]);
                bayes[i][a] = new float[count];
                learners.Axes[a].Bayes.CurrentShared.Predict(inputs[i], bayes[i][a]);
            }
        }
        var dense = axes.Select(a => model.Axes[a].Count <= TitleClassifier.CandidateAxisSize).ToArray();
        Console.WriteLine($"{titles.Length} distinct titles, single-label axes {string.Join(", ", axes.Select(a => $"{model.Axes[a].Name} {model.Axes[a].Count}"))}; {OnetBenchmark.LoadAverage()}");

        var offsets = new int[axes.Length + 1];
        for (var k = 0; k < axes.Length; k++)
        {
            offsets[k + 1] = offsets[k] + model.Axes[axes[k]].Count;
        }
        var total = offsets[^1];
        float[] linear = new float[total], result = new float[total], scratch = new float[total];
        float[] chainLinear = new float[total], chainResult = new float[total];
        var sink = 0f;
        void Chain(int i)
        {
            for (var k = 0; k < axes.Length; k++)
            {
                var a = axes[k];
                var count = model.Axes[a].Count;
                var blend = learners.Axes[a].Blend;
                Span<float> p = chainLinear.AsSpan(offsets[k], count), r = chainResult.AsSpan(offsets[k], count), s = scratch.AsSpan(offsets[k], count);
                scores[i][a].CopyTo(p);
                TensorPrimitives.Subtract(p, TensorPrimitives.Max<float>(p), p);
                TensorPrimitives.Exp(p, p);
                TensorPrimitives.Divide(p, TensorPrimitives.Sum<float>(p), p);
                sink += TensorPrimitives.Max<float>(p);
                TensorPrimitives.Add(p, Probability.LogEpsilon, r);
                TensorPrimitives.Log(r, r);
                TensorPrimitives.Multiply(r, blend.Linear, r);
                if (dense[k])
                {
                    TensorPrimitives.Add(bayes[i][a], Probability.LogEpsilon, s);
                    TensorPrimitives.Log(s, s);
                    TensorPrimitives.MultiplyAdd(s, blend.Bayes, r, r);
                }
                TensorPrimitives.Subtract(r, TensorPrimitives.Max<float>(r), r);
                TensorPrimitives.Exp(r, r);
                var scale = 0.9999f / TensorPrimitives.Sum<float>(r);
                var uniform = 0.0001f / count;
                var c = 0;
                for (; c + Vector<float>.Count <= count; c += Vector<float>.Count)
                {
                    var at = r.Slice(c, Vector<float>.Count);
                    (new Vector<float>(at) * new Vector<float>(scale) + new Vector<float>(uniform)).CopyTo(at);
                }
                for (; c < count; c++)
                {
                    r[c] = r[c] * scale + uniform;
                }
                for (c = 0; c < count; c++)
                {
                    r[c] *= 1f - 0.3f;
                }
            }
        }
        void Fused(int i)
        {
            for (var k = 0; k < axes.Length; k++)
            {
                var a = axes[k];
                var count = model.Axes[a].Count;
                var blend = learners.Axes[a].Blend;
                Span<float> p = linear.AsSpan(offsets[k], count), r = result.AsSpan(offsets[k], count);
                scores[i][a].CopyTo(p);
                sink += Probability.SoftMax(p);
                var max = dense[k] ? Probability.WeightedLogs(p, blend.Linear, bayes[i][a], blend.Bayes, r) : Probability.WeightedLogs(p, blend.Linear, r);
                Probability.ExpShifted(r, max);
                Probability.ScaleAndShift(r, 0.9999f / TensorPrimitives.Sum<float>(r), 0.0001f / count);
                TensorPrimitives.Multiply(r, 1f - 0.3f, r);
            }
        }
        var differing = 0;
        for (var i = 0; i < titles.Length; i++)
        {
            Chain(i);
            Fused(i);
            for (var c = 0; c < total; c++)
            {
                differing += BitConverter.SingleToInt32Bits(chainResult[c]) == BitConverter.SingleToInt32Bits(result[c])
                    && BitConverter.SingleToInt32Bits(chainLinear[c]) == BitConverter.SingleToInt32Bits(linear[c]) ? 0 : 1;
            }
        }
        Console.WriteLine($"categories whose linear probability or blend differs between the chains and the fused passes: {differing} of {(long)total * titles.Length}");
        for (var round = 1; round <= Rounds; round++)
        {
            var chain = Cost.Of(titles.Length, Chain);
            var fused = Cost.Of(titles.Length, Fused);
            Console.WriteLine($"round {round}: chains {chain.CpuSeconds / titles.Length * 1e6:F3} us CPU per title, fused {fused.CpuSeconds / titles.Length * 1e6:F3} us CPU "
                + $"({(1 - fused.CpuSeconds / chain.CpuSeconds) * 100:F0} % less), all single-label axes; {OnetBenchmark.LoadAverage()}");
        }
        return sink > 0 ? 0 : 1;
    }
}

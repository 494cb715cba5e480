using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// The blend of a single-label axis as a prediction runs it, after the learners answered: the full blend (vote over
/// every category, three logs over every category, softmax, prior, top-5 over the blocks' maxima) against the sparse
/// one of <see cref="BlendWeights.CombineSingleLabel"/> (vote and naive Bayes only where they differ from every other
/// category, top-5 barred by naive Bayes's candidates), in one process, rounds alternating. The learners' outputs are
/// computed first, so both time only the blend.
/// </summary>
internal static class BlendCost
{
    private const int Rounds = 6;

    public static int Run(string modelPath, string titlesCsv)
    {
        var model = ModelFile.Load(modelPath);
        var learners = model.CurrentLearners;
        var options = learners.Options;
        var titles = Csv.DistinctTitles(titlesCsv);
        var inputs = titles.Select(t => TitleInput.Of(model.Featurizer.Analyze(t))).ToArray();
        var axes = Enumerable.Range(0, model.Axes.Count).Where(a => !model.Axes[a].MultiLabel).ToArray();
        var linear = learners.Linear.Current;
        var index = learners.Index.Current;
        var outputs = new float[titles.Length][][];
        var bayes = new float[titles.Length][][];
        var candidates = new int[titles.Length][][];
        var voters = new Neighbour[titles.Length][];
        var searched = 0;
        for (var i = 0; i < titles.Length; i++)
        {
            outputs[i] = [.. model.Axes.Select(a => new float[a.Count])];
            var confident = true;
            for (var a = 0; a < model.Axes.Count; a++)
            {
                linear.Predict(a, inputs[i], outputs[i][a]);
                confident &= !model.Axes[a].MultiLabel && outputs[i][a].Max() >= options.Neighbours.SkipSearchAbove;
            }
            var found = confident ? [] : index.Predict(inputs[i].Features, options.Neighbours.K);
            voters[i] = found[..Math.Min(found.Length, options.Neighbours.K)];
            searched += confident ? 0 : 1;
            bayes[i] = new float[model.Axes.Count][];
            candidates[i] = new int[model.Axes.Count][];
            foreach (var a in axes)
            {
                bayes[i][a] = new float[model.Axes[a].Count];
                var snapshot = learners.Axes[a].Bayes.CurrentShared;
                if (model.Axes[a].Count > TitleClassifier.CandidateAxisSize)
                {
                    var chosen = new int[TitleClassifier.MaxBayesCandidates];
                    candidates[i][a] = chosen[..TitleClassifier.ChooseBayesCandidates(index, a, outputs[i][a], voters[i], chosen)];
                    snapshot.Predict(inputs[i], candidates[i][a], bayes[i][a]);
                }
                else
                {
                    snapshot.Predict(inputs[i], bayes[i][a]);
                }
            }
        }
        var memories = learners.Axes.Select(a => a.Memory.Current.Rows).ToArray();
        Console.WriteLine($"title memory: {memories.Distinct(ReferenceEqualityComparer.Instance).Count()} title-to-row dictionaries for {memories.Length} axes ({string.Join(", ", memories.Select(r => r.Count))} titles)");
        Console.WriteLine($"{titles.Length} distinct titles, single-label axes {string.Join(", ", axes.Select(a => $"{model.Axes[a].Name} {model.Axes[a].Count}"))}; "
            + $"search ran for {searched / (double)titles.Length:P1}; {OnetBenchmark.LoadAverage()}");

        var width = model.Axes.Max(a => a.Count);
        var result = new float[width];
        var scratch = new float[width];
        var votes = new float[width];
        var voted = new int[width];
        var strengths = new float[options.Neighbours.K];
        var top = new int[5];
        var winners = new int[model.Axes.Count];
        var disagreements = 0;
        void Full(int i)
        {
            foreach (var a in axes)
            {
                var count = model.Axes[a].Count;
                var blend = learners.Axes[a].Blend;
                TitleClassifier.Vote(index, options, a, voters[i], votes.AsSpan(0, count));
                blend.Combine(false, outputs[i][a], bayes[i][a], votes.AsSpan(0, count), result.AsSpan(0, count), scratch.AsSpan(0, count));
                TitleClassifier.MixPrior(options.Blend.PriorTitles, learners.Axes[a].Bayes.CurrentShared.Examples, false, result.AsSpan(0, count));
                TopSelection.Largest(result.AsSpan(0, count), top.AsSpan(0, Math.Min(5, count)));
                winners[a] = top[0];
            }
        }
        void Sparse(int i)
        {
            for (var n = 0; n < voters[i].Length; n++)
            {
                strengths[n] = TitleClassifier.VoteStrength(voters[i][n].Similarity, options.Neighbours.VotePower);
            }
            foreach (var a in axes)
            {
                var count = model.Axes[a].Count;
                var blend = learners.Axes[a].Blend;
                var labelled = TitleClassifier.VoteAtLabels(index, options, a, voters[i], strengths, votes.AsSpan(0, count), voted.AsSpan(0, count), out var rest);
                var dense = candidates[i][a] is null;
                blend.CombineSingleLabel(outputs[i][a], bayes[i][a], dense, candidates[i][a], votes.AsSpan(0, count), voted.AsSpan(0, labelled), rest,
                    TitleClassifier.PriorShare(options.Blend.PriorTitles, learners.Axes[a].Bayes.CurrentShared.Examples), result.AsSpan(0, count));
                TopSelection.Largest(result.AsSpan(0, count), top.AsSpan(0, Math.Min(5, count)), candidates[i][a]);
                disagreements += winners[a] == top[0] ? 0 : 1;
            }
        }
        for (var i = 0; i < titles.Length; i++)
        {
            Full(i);
            Sparse(i);
        }
        Console.WriteLine($"the sparse blend's winner differs from the full blend's on {disagreements} of {titles.Length * axes.Length} (title, axis) pairs");
        for (var round = 1; round <= Rounds; round++)
        {
            var full = Cost.Of(titles.Length, Full);
            var sparse = Cost.Of(titles.Length, Sparse);
            Console.WriteLine($"round {round}: full blend {full.CpuSeconds / titles.Length * 1e6:F2} us CPU per title ({full.WallSeconds / titles.Length * 1e6:F2} wall), "
                + $"sparse {sparse.CpuSeconds / titles.Length * 1e6:F2} us CPU ({sparse.WallSeconds / titles.Length * 1e6:F2} wall), all single-label axes; {OnetBenchmark.LoadAverage()}");
        }
        return 0;
    }
}

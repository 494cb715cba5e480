using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// Where one prediction's time goes on a saved model, stage by stage, on one thread: normalising and
/// featurising, the nearest-title search, then per axis the linear model, naive Bayes and the whole
/// prediction. Each stage runs over all titles in its own loop after a warm-up, so the figures are per title;
/// the process CPU time beside the wall time is what to compare on a loaded machine.
/// </summary>
internal static class StageProfile
{
    public static int Run(string modelPath, string titlesFile)
    {
        var model = ModelFile.Load(modelPath);
        var titles = Csv.DistinctTitles(titlesFile);
        Console.WriteLine($"{titles.Length} distinct titles, {model.Axes.Count} axes; {OnetBenchmark.LoadAverage()}");
        var learners = model.CurrentLearners;
        var inputs = new TitleInput[titles.Length];
        var options = new PredictionOptions { TopN = 5 };
        for (var round = 0; round < 2; round++)
        {
            var report = round == 1;
            Time(report, "normalise + featurise", titles.Length, i =>
            {
                var analyzed = model.Featurizer.Analyze(titles[i]);
                inputs[i] = TitleInput.Of(analyzed);
            });
            var index = learners.Index.Current;
            var neighbours = new Neighbour[titles.Length][];
            Time(report, "nearest titles", titles.Length, i => neighbours[i] = index.Predict(inputs[i].Features, learners.Options.Neighbours.K));
            for (var a = 0; a < model.Axes.Count; a++)
            {
                var axis = learners.Axes[a];
                var scores = new float[model.Axes[a].Count];
                Time(report, $"{model.Axes[a].Name}: linear (hidden + output)", titles.Length, i => learners.Linear.Current.Predict(a, inputs[i], scores));
                Time(report, $"{model.Axes[a].Name}: naive Bayes", titles.Length, i => axis.Bayes.Predict(inputs[i], scores));
                Time(report, $"{model.Axes[a].Name}: vote", titles.Length, i => TitleClassifier.Vote(index, learners.Options, a, neighbours[i], scores));
            }
            Time(report, "whole prediction, all axes", titles.Length, i => model.Predict(titles[i], options));
        }
        return 0;
    }

    private static void Time(bool report, string stage, int count, Action<int> action)
    {
        var cost = Cost.Of(count, action);
        if (report)
        {
            Console.WriteLine($"  {stage,-32} {cost.WallSeconds * 1e6 / count,7:F1} us/title wall {cost.CpuSeconds * 1e6 / count,7:F1} us/title CPU {cost.BytesPerItem,8:F0} B/title");
        }
    }
}

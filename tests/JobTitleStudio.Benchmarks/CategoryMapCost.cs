using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Taxonomy;

namespace JobTitleStudio.Benchmarks;

/// <summary>
/// What the live category map costs a prediction: a saved model's titles predicted plainly and through a map that casts
/// its Occupation codes into their SOC broad groups (about 1,017 categories onto about 450), the largest mapping a
/// workspace meets: every category must be ranked so the merged ones can be added up.
/// </summary>
internal static class CategoryMapCost
{
    public static int Run(string modelPath, string titlesCsv)
    {
        var model = ModelFile.Load(modelPath);
        var occupation = model.Axes.FirstOrDefault(a => a.Name == "Occupation");
        if (occupation is null)
        {
            Console.Error.WriteLine($"{modelPath} has no Occupation axis; its axes are {string.Join(", ", model.Axes.Select(a => a.Name))}.");
            return 1;
        }
        // 15-1252.00 -> 15-1250: the broad group is the code's first six digits with the last set to zero.
        var moves = occupation.Categories
            .Where(c => c.Name.Length == 10 && c.Name[2] == '-')
            .Select(c => new LabelMove(c.Name, c.Name[..6] + "0", 1))
            .ToList();
        var mapped = new MappedClassifier(model, new CategoryMapBuilder(model.Axes).Apply(1, occupation.Name, moves).Build());
        var titles = Csv.DistinctTitles(titlesCsv);
        var options = new PredictionOptions { TopN = 5 };
        Console.WriteLine($"model {modelPath}: Occupation {occupation.Count} categories mapped onto {mapped.Axes.First(a => a.Name == occupation.Name).Count}; "
            + $"{titles.Length} distinct titles, all axes, top 5, one thread; {OnetBenchmark.LoadAverage()}");
        foreach (var title in titles.Take(2000))
        {
            model.Predict(title, options);
            mapped.Predict(title, options);
        }
        for (var round = 1; round <= 3; round++)
        {
            var plain = Cost.Of(titles.Length, i => model.Predict(titles[i], options));
            var through = Cost.Of(titles.Length, i => mapped.Predict(titles[i], options));
            Console.WriteLine($"round {round}: plain {plain.CpuSeconds * 1e6 / titles.Length:F1} µs CPU and {plain.BytesPerItem:F0} B per title; "
                + $"through the map {through.CpuSeconds * 1e6 / titles.Length:F1} µs CPU and {through.BytesPerItem:F0} B per title");
        }
        return 0;
    }
}

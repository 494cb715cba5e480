using System.Diagnostics;
using System.Globalization;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.Taxonomy;
using Xunit.Abstractions;

namespace JobTitleStudio.Core.Tests.Taxonomy;

/// <summary>
/// What the category map costs per prediction on a model the size of a real workspace's (a 300-category axis and a
/// 12-category one): the model ranks the whole distribution instead of the top five, then the map adds it up.
/// Prints the figures; run with <c>--logger "console;verbosity=detailed"</c> to see them.
/// </summary>
public sealed class CategoryMapCostTests(ITestOutputHelper output)
{
    private const int Occupations = 300;
    private const int Levels = 12;

    [Fact]
    public void A_batch_through_a_map_gives_every_title_the_summed_answer_and_the_cost_is_printed()
    {
        var model = Model();
        var map = new CategoryMapBuilder(model.Axes)
            .Apply(1, "Occupation", [.. Enumerable.Range(0, Occupations / 2).Select(i => new LabelMove($"Occupation {2 * i + 1}", $"Occupation {2 * i}", 10))])
            .Build();
        var mapped = new MappedClassifier(model, map);
        var titles = Enumerable.Range(0, 4_000).Select(i => $"{Word(i % Occupations)} {Word(7 * i % 97)} lead {i % 13}").ToArray();
        var options = new PredictionOptions { TopN = 5 };
        model.PredictBatch(titles[..200], options);
        mapped.PredictBatch(titles[..200], options);

        var plain = Time(() => model.PredictBatch(titles, options));
        var through = Time(() => mapped.PredictBatch(titles, options));
        var whole = Time(() => model.PredictBatch(titles, options with { TopN = Occupations }));
        var ranked = model.PredictBatch(titles, options with { TopN = Occupations });
        var occupation = map.For(model.Axes[0])!;
        var mapOnly = Time(() =>
        {
            foreach (var prediction in ranked)
            {
                occupation.Map(prediction.Axes[0], options.TopN);
            }
        });
        var single = Time(() =>
        {
            foreach (var title in titles.Take(2_000))
            {
                mapped.Predict(title, options);
            }
        });
        var singlePlain = Time(() =>
        {
            foreach (var title in titles.Take(2_000))
            {
                model.Predict(title, options);
            }
        });

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{titles.Length:N0} titles, {Occupations} + {Levels} categories, half of the 300 merged in pairs, top 5 (best of 5 runs):"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PredictBatch unmapped          {Micro(plain, titles.Length),8:F1} µs/title"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PredictBatch whole ranking     {Micro(whole, titles.Length),8:F1} µs/title (what the map asks the model for)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  PredictBatch through the map   {Micro(through, titles.Length),8:F1} µs/title"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the map alone (300 → 150)      {Micro(mapOnly, titles.Length),8:F1} µs/title"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Predict unmapped               {Micro(singlePlain, 2_000),8:F1} µs/title"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Predict through the map        {Micro(single, 2_000),8:F1} µs/title"));

        var full = model.Predict(titles[0], options with { TopN = Occupations })["Occupation"];
        var answer = mapped.PredictBatch(titles[..1], options)[0]["Occupation"];
        var winner = answer.Label;
        Assert.Equal(full.Top.Where(t => map.Name("Occupation", t.Category) == winner).Sum(t => t.Probability), answer.Probability, 4);
        Assert.Equal(5, answer.Top.Count);
        // Every odd occupation was merged into the even one before it: only even ones (and Other) are left to rank.
        Assert.All(answer.Top.Where(t => t.Category != "Other"), t => Assert.Equal(0, int.Parse(t.Category["Occupation ".Length..], CultureInfo.InvariantCulture) % 2));
    }

    private static double Micro(TimeSpan elapsed, int count) => elapsed.TotalMilliseconds * 1000 / count;

    private static TimeSpan Time(Action action)
    {
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }
        return best;
    }

    private static string Word(int i) => string.Concat(i.ToString(CultureInfo.InvariantCulture).Select(d => (char)('k' + d - '0'))) + "ar";

    private static TitleClassifier Model()
    {
        var model = new TitleClassifier(
        [
            new AxisDefinition("Occupation", Enumerable.Range(0, Occupations).Select(i => new CategoryDefinition($"Occupation {i}"))),
            new AxisDefinition("Level", Enumerable.Range(0, Levels).Select(i => new CategoryDefinition($"Level {i}"))),
        ]);
        model.Train(Enumerable.Range(0, Occupations * 8).Select(i =>
            TrainingRow.Of($"{Word(i % Occupations)} {Word(i % 31 + 400)} {(i % 2 == 0 ? "senior" : "junior")}", ("Occupation", $"Occupation {i % Occupations}"), ("Level", $"Level {i % Levels}"))));
        return model;
    }
}

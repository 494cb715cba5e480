using JobTitleStudio.Core.Defaults;
using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Defaults;

public sealed class DefaultModelBuilderTests
{
    private static readonly Lazy<(DefaultModelBuilder Builder, IReadOnlyList<DefaultTitle> Titles)> Shipped = new(() =>
    {
        var builder = new DefaultModelBuilder(DefaultModel.FindSourceDirectory() ?? throw new InvalidOperationException("models/source not found"));
        return (builder, builder.Titles());
    });

    [Fact]
    public void The_occupation_axis_has_every_onet_code_displayed_by_its_title()
    {
        var occupation = Shipped.Value.Builder.Axes().Single(a => a.Name == DefaultModelBuilder.OccupationAxis);

        Assert.Equal(1016 + 1, occupation.Count);
        Assert.Equal("Software Developers", occupation.Categories[occupation.IndexOf("15-1252.00")].DisplayName);
    }

    [Fact]
    public void Titles_come_from_onet_and_from_esco_in_english_german_and_spanish()
    {
        var titles = Shipped.Value.Titles;

        Assert.InRange(titles.Count, 100_000, 200_000);
        Assert.Contains(titles, t => t.Source == DefaultRowSource.OnetShort);
        Assert.Equal(["de", "en", "es"], titles.Where(t => t.Source == DefaultRowSource.Esco).Select(t => t.Language).Distinct().Order());
        Assert.Contains(titles, t => t.Title == "Software Engineer" && t.Code == "15-1252.00");
    }

    [Fact]
    public void An_esco_label_mapped_to_several_codes_spreads_one_vote_over_them()
    {
        var german = Shipped.Value.Titles.Where(t => t.Source == DefaultRowSource.Esco && t.Language == "de").ToList();

        // A weight of 1/n for a concept crosswalked to n codes; English ESCO labels count half on top.
        Assert.All(german, t => Assert.Contains(t.Weight, new[] { 1f, 1f / 2, 1f / 3, 1f / 4, 1f / 5, 1f / 6 }));
        Assert.Contains(german, t => t.Weight < 1f);
        Assert.All(Shipped.Value.Titles.Where(t => t.Language == "en" && t.Source == DefaultRowSource.Esco), t => Assert.True(t.Weight <= 0.5f));
    }

    [Fact]
    public void Every_training_row_gets_a_function_and_a_level_from_the_shipped_tables()
    {
        var builder = Shipped.Value.Builder;
        var rows = Shipped.Value.Titles.Take(5000).Select(builder.ToTrainingRow).ToList();

        Assert.All(rows, r => Assert.Equal(3, r.Labels.Count));
        var nurse = builder.ToTrainingRow(new DefaultTitle("Senior Registered Nurse", "29-1141.00", DefaultRowSource.OnetAlternate, "en", 1f));
        Assert.Equal(["Healthcare"], nurse.Labels[DefaultModelBuilder.FunctionAxis]);
        Assert.Equal(["Senior"], nurse.Labels[DefaultLevels.Axis]);
    }

    [Fact]
    public void A_folder_without_onet_data_is_refused_with_what_to_pass()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => new DefaultModelBuilder(Path.GetTempPath()));

        Assert.Contains("models/source", error.Message);
    }
}

public sealed class DefaultModelFingerprintTests : IDisposable
{
    private readonly string _models = Directory.CreateTempSubdirectory("jts-fingerprint-").FullName;

    private string Source => Path.Combine(_models, "source");

    public DefaultModelFingerprintTests()
    {
        Directory.CreateDirectory(Path.Combine(Source, "onet-29.3"));
        File.WriteAllText(Path.Combine(Source, "onet-29.3", "Occupation Data.txt"), "O*NET-SOC Code\tTitle\n");
        File.WriteAllText(Path.Combine(_models, "function-map.tsv"), "soc_prefix\tfunction\n15-0000\tIT\n");
    }

    [Fact]
    public void The_same_inputs_give_the_same_cache_file()
    {
        Assert.Equal(DefaultModel.CachePath(Source), DefaultModel.CachePath(Source));
        Assert.StartsWith(Path.Combine(_models, "cache", "default-"), DefaultModel.CachePath(Source));
    }

    [Fact]
    public void Editing_a_shipped_table_gives_a_new_cache_file_instead_of_a_stale_model()
    {
        var before = DefaultModel.Fingerprint(Source);
        File.AppendAllText(Path.Combine(_models, "function-map.tsv"), "29-0000\tHealthcare\n");

        Assert.NotEqual(before, DefaultModel.Fingerprint(Source));
    }

    [Fact]
    public void Editing_a_source_file_gives_a_new_cache_file()
    {
        var before = DefaultModel.Fingerprint(Source);
        File.AppendAllText(Path.Combine(Source, "onet-29.3", "Occupation Data.txt"), "15-1252.00\tSoftware Developers\n");

        Assert.NotEqual(before, DefaultModel.Fingerprint(Source));
    }

    public void Dispose() => Directory.Delete(_models, recursive: true);
}

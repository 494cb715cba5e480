using JobTitleStudio.Core.Features;
using JobTitleStudio.Core.Learning;
using JobTitleStudio.Core.ModelFiles;
using JobTitleStudio.Core.Tests.Learning;

namespace JobTitleStudio.Core.Tests.ModelFiles;

public sealed class ModelFileTests : IDisposable
{
    private static readonly string[] Probes = ["Marketing Manager", "VP Sales", "Sr. software eng", "Payroll clerk", "Talent acq. mgr", "Queen of the World"];

    private readonly string _directory = Directory.CreateTempSubdirectory("jts-model-tests").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Round_trip_gives_identical_predictions_including_corrections()
    {
        var model = ClassifierFixture.Trained();
        model.Learn("Growth hacker", "Function", "Marketing");
        var path = Path.Combine(_directory, "m.jtsm");

        ModelFile.Save(model, path);
        var loaded = ModelFile.Load(path);

        var options = new PredictionOptions { TopN = 5, NearestTitles = 3 };
        foreach (var probe in Probes.Append("Growth hacker"))
        {
            var expected = model.Predict(probe, options);
            var actual = loaded.Predict(probe, options);
            for (var a = 0; a < expected.Axes.Count; a++)
            {
                Assert.Equal(expected.Axes[a].Top, actual.Axes[a].Top);
                Assert.Equal(expected.Axes[a].Labels, actual.Axes[a].Labels);
                Assert.Equal(expected.Axes[a].Nearest!, actual.Axes[a].Nearest!, (x, y) => x.Normalized == y.Normalized && x.Similarity == y.Similarity && x.Labels.SequenceEqual(y.Labels));
            }
        }
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.Featurizer.Options, loaded.Featurizer.Options);
        Assert.Equal(model.Axes.Select(a => (a.Name, a.Count, a.MultiLabel, a.Threshold)), loaded.Axes.Select(a => (a.Name, a.Count, a.MultiLabel, a.Threshold)));
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it_and_leaves_no_temporary_files()
    {
        var path = Path.Combine(_directory, "m.jtsm");
        File.WriteAllText(path, "old");

        ModelFile.Save(ClassifierFixture.Trained(), path);

        Assert.Equal("JTSM", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path), 0, 4));
        Assert.Single(Directory.GetFiles(_directory));
    }

    [Fact]
    public void Wrong_magic_says_it_is_not_a_model_file()
    {
        var path = Path.Combine(_directory, "not-a-model.jtsm");
        File.WriteAllText(path, "PK\u0003\u0004 this is a zip, not a model");

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.Contains("not a JobTitleStudio model file", error.Message);
    }

    [Fact]
    public void Newer_format_version_asks_for_an_upgrade()
    {
        var error = LoadWithHeaderInt(4, ModelFile.FormatVersion, ModelFile.FormatVersion + 1);

        Assert.Contains($"format version {ModelFile.FormatVersion + 1}", error.Message);
        Assert.Contains("upgrade", error.Message);
    }

    [Fact]
    public void Older_format_version_asks_to_train_again()
    {
        var error = LoadWithHeaderInt(4, ModelFile.FormatVersion, ModelFile.FormatVersion - 1);

        Assert.Contains($"format version {ModelFile.FormatVersion - 1}", error.Message);
        Assert.Contains("train the model again", error.Message);
    }

    [Fact]
    public void A_model_trained_with_another_feature_set_is_refused_with_a_message_to_retrain()
    {
        var error = LoadWithHeaderInt(8, TitleFeaturizer.FeatureSetVersion, TitleFeaturizer.FeatureSetVersion - 1);

        Assert.Contains($"feature set version {TitleFeaturizer.FeatureSetVersion - 1}", error.Message);
        Assert.Contains("train the model again", error.Message);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void Truncated_file_says_it_is_truncated(double keep)
    {
        var path = Path.Combine(_directory, "m.jtsm");
        ModelFile.Save(ClassifierFixture.Trained(), path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(int)(bytes.Length * keep)]);

        var error = Assert.Throws<ModelFileException>(() => ModelFile.Load(path));

        Assert.Contains("truncated or damaged", error.Message);
    }

    /// <summary>Saves a model, replaces the header integer at <paramref name="offset"/> (checking it held <paramref name="saved"/>) and loads it.</summary>
    private ModelFileException LoadWithHeaderInt(int offset, int saved, int replacement)
    {
        var path = Path.Combine(_directory, "m.jtsm");
        ModelFile.Save(ClassifierFixture.Trained(), path);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(saved, BitConverter.ToInt32(bytes, offset));
        BitConverter.GetBytes(replacement).CopyTo(bytes, offset);
        File.WriteAllBytes(path, bytes);

        return Assert.Throws<ModelFileException>(() => ModelFile.Load(path));
    }
}

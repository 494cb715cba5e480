using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Text;

public class ShippedDataTests
{
    [Fact]
    public void Finds_the_models_folder_copied_next_to_the_tests()
    {
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models"), ShippedData.ModelsDirectory);
        Assert.True(File.Exists(ShippedData.PathOf("abbreviations.tsv")));
    }

    [Fact]
    public void Walks_up_from_a_folder_below_the_models_folder()
    {
        var nested = Path.Combine(AppContext.BaseDirectory, "models", "source");
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "models"), ShippedData.Locate(Path.Combine(nested, "esco-1.2.0")));
    }

    [Fact]
    public void Names_a_missing_file_and_what_to_check()
    {
        var error = Assert.Throws<FileNotFoundException>(() => ShippedData.PathOf("no/such.tsv"));
        Assert.Contains("models/no/such.tsv", error.Message);
        Assert.Contains("csproj", error.Message);
    }

    [Fact]
    public void Ships_every_file_the_text_layer_loads()
    {
        foreach (var file in TextTables.Files.Select(f => $"{TextTables.Folder}/{f}").Concat(["source/onet-29.3/Alternate Titles.txt", "source/esco-1.2.0/occupations_de.csv", "source/esco-1.2.0/occupations_es.csv", "source/ipod-gazetteer/gazetteer.csv", "source/abbreviations/onet29.3_acronym_expansions.tsv"]))
        {
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "models", file)), file);
        }
    }
}

using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Text;

public sealed class TextTablesTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"jts-text-tables-{Guid.NewGuid():N}");

    [Fact]
    public void The_committed_tables_are_what_the_reference_data_gives()
    {
        TextTables.Generate(_directory);

        foreach (var file in TextTables.Files)
        {
            var committed = File.ReadAllText(ShippedData.PathOf($"{TextTables.Folder}/{file}"));
            var regenerated = File.ReadAllText(Path.Combine(_directory, file));
            Assert.True(committed == regenerated, $"models/text/{file} is stale: run `jts build-text-tables --output models/text` and commit the result.");
        }
    }

    [Fact]
    public void The_shipped_lexicon_holds_exactly_what_the_reference_data_gives()
    {
        var derived = TitleLexicon.FromReferenceData();
        var shipped = TitleLexicon.Shipped;

        Assert.Equal(derived.Abbreviations.Keys.Order(StringComparer.Ordinal), shipped.Abbreviations.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, expected) in derived.Abbreviations)
        {
            var actual = shipped.Abbreviations[key];
            Assert.Equal(expected.Written, actual.Written);
            Assert.Equal(expected.Expansion, actual.Expansion);
            Assert.Equal(expected.WhenLast, actual.WhenLast);
            Assert.Equal(expected.Cased, actual.Cased);
            Assert.Equal(expected.Source, actual.Source);
        }
        Assert.Equal(derived.FeminineToBase.OrderBy(p => p.Key, StringComparer.Ordinal), shipped.FeminineToBase.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.True(derived.Vocabulary.SetEquals(shipped.Vocabulary));
        Assert.True(derived.RoleWords.SetEquals(shipped.RoleWords));
    }

    [Theory]
    [InlineData("Geschäftsführerin")]
    [InlineData("Ingeniera de software")]
    [InlineData("Senior Marketing Operations Manager")]
    [InlineData("Leiter Vertrieb (m/w/d)")]
    [InlineData("x")]
    public void The_shipped_language_guesser_answers_as_one_counted_from_the_reference_data(string title)
    {
        var counted = new LanguageGuesser(LanguageGuesser.CountReferenceData());

        Assert.Equal(counted.Guess(title), LanguageGuesser.Shipped.Guess(title));
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}

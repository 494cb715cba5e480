using System.Globalization;
using JobTitleStudio.Core.Features;

namespace JobTitleStudio.Core.Tests.Features;

public sealed class FeatureOrderTests
{
    [Fact]
    public void Feature_ids_are_strictly_ascending_for_titles_of_every_key_count()
    {
        var featurizer = new TitleFeaturizer();
        var random = new Random(5);
        var words = new[] { "senior", "software", "engineer", "manager", "sales", "vice", "president", "data", "nurse", "chief", "a", "of", "operations", "head", "lead", "assistant", "registered", "x" };
        for (var round = 0; round < 3000; round++)
        {
            var title = string.Join(' ', Enumerable.Range(0, random.Next(0, 9)).Select(_ => words[random.Next(words.Length)] + (random.Next(4) == 0 ? random.Next(100).ToString(CultureInfo.InvariantCulture) : "")));
            var v = featurizer.Featurize(title, withNames: round % 2 == 0);
            var ids = v.Ids.ToArray();
            for (var i = 1; i < ids.Length; i++)
            {
                Assert.True(ids[i] > ids[i - 1], title);
            }
        }
    }
}

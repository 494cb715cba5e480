using JobTitleStudio.Core.Learning;

namespace JobTitleStudio.Core.Tests.Learning;

public sealed class BayesBaseTests
{
    [Fact]
    public void Every_dense_feature_finds_its_own_row_and_sparse_or_unseen_features_none()
    {
        const int dimension = 1 << 14;
        const int categoryCount = 32;
        var random = new Random(7);
        var dense = Enumerable.Range(0, 600).Select(_ => random.Next(dimension)).Distinct().Order().ToArray();
        var sparse = Enumerable.Range(0, 300).Select(_ => random.Next(dimension)).Except(dense).Distinct().Order().ToArray();
        var features = new List<int>();
        var categories = new List<int>();
        var counts = new List<float>();
        foreach (var feature in dense.Concat(sparse).Order())
        {
            // A dense feature is seen with half the categories, its count telling it apart; a sparse one with two.
            var seen = Array.BinarySearch(dense, feature) >= 0 ? Enumerable.Range(0, categoryCount / 2).Select(c => c * 2) : [1, 3];
            foreach (var category in seen)
            {
                features.Add(feature);
                categories.Add(category);
                counts.Add(feature % 97 + category + 1);
            }
        }

        var table = BayesBase.Build([.. features], [.. categories], [.. counts], dimension, categoryCount, inverseAlpha: 2f);

        Assert.Equal(dense, table.DenseFeatures);
        foreach (var feature in dense)
        {
            var row = table.DenseRow(feature).Span;
            Assert.Equal(categoryCount, row.Length);
            Assert.Equal(MathF.Log(1f + (feature % 97 + 4 + 1) * 2f), row[4]);
            Assert.Equal(0f, row[5]);
        }
        foreach (var feature in sparse.Concat(Enumerable.Range(0, dimension).Where(f => !features.Contains(f)).Take(200)))
        {
            Assert.True(table.DenseRow(feature).IsEmpty);
        }
    }
}

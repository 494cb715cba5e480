using System.Text;
using JobTitleStudio.Core.Features;

namespace JobTitleStudio.Core.Tests.Features;

public class FeatureHashTests
{
    // Trained models store weights by these ids: if this test fails, the hash changed and every model must be retrained.
    [Theory]
    [InlineData("", 2166136261u)]
    [InlineData("a", 0xE40C292Cu)]
    [InlineData("foobar", 0xBF9CF968u)]
    public void Is_32_bit_FNV_1a_over_utf8(string text, uint expected) =>
        Assert.Equal(expected, FeatureHash.Hash(text));

    [Theory]
    [InlineData("word:manager", 0x50CB074Cu)]
    [InlineData("bigram:account_manager", 0xF05028EEu)]
    [InlineData("char:<man", 0x5CD9BFD5u)]
    [InlineData("head:engineer", 0xF0605E56u)]
    [InlineData("word:geschäftsführer", 0x0ABE91A3u)]
    public void Gives_frozen_ids_for_fixed_feature_names(string name, uint expected) =>
        Assert.Equal(expected, FeatureHash.Hash(name));

    [Theory]
    [InlineData("geschäftsführer")]
    [InlineData("ingeniero de diseño")]
    [InlineData("😀 emoji")]
    [InlineData("lone \ud800 surrogate")]
    public void Matches_hashing_the_utf8_bytes(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619u;
        }
        Assert.Equal(hash, FeatureHash.Hash(text));
    }

    [Fact]
    public void Continues_a_hash_across_pieces()
    {
        Assert.Equal(FeatureHash.Hash("word:manager"), FeatureHash.Append(FeatureHash.Hash("word:"), "manager"));
    }

    [Theory]
    [InlineData('m')]
    [InlineData('ä')]
    [InlineData('€')]
    [InlineData('\ud83d')]
    [InlineData('\ude00')]
    public void Continues_a_hash_with_one_character_as_with_its_one_character_text(char c) =>
        Assert.Equal(FeatureHash.Append(FeatureHash.Hash("char:"), c.ToString()), FeatureHash.Append(FeatureHash.Hash("char:"), c));
}

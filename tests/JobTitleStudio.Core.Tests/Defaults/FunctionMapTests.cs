using System.Text;
using JobTitleStudio.Core.Defaults;

namespace JobTitleStudio.Core.Tests.Defaults;

public sealed class FunctionMapTests
{
    private static readonly FunctionMap Map = FunctionMap.LoadDefault();

    [Fact]
    public void EveryOnetOccupationGetsAFunctionFromTheFunctionList()
    {
        var codes = File.ReadLines(RepoPaths.Source("onet-29.3/Occupation Data.txt")).Skip(1).Select(l => l.Split('\t')[0]).ToList();
        var functions = CategoryTable.Load(DefaultModelFiles.PathOf(DefaultModelFiles.Functions)).Select(c => c.Name).ToHashSet();

        var unmapped = codes.Where(c => Map.FunctionFor(c) is null).ToList();
        var unknown = codes.Select(Map.FunctionFor).Where(f => f is not null && !functions.Contains(f)).Distinct().ToList();

        Assert.Equal(1016, codes.Count);
        Assert.Empty(unmapped);
        Assert.Empty(unknown);
    }

    [Fact]
    public void EveryListedFunctionIsUsedByTheMap()
    {
        var functions = CategoryTable.Load(DefaultModelFiles.PathOf(DefaultModelFiles.Functions)).Select(c => c.Name);

        Assert.Equal(functions.Order(), Map.Functions.Order());
    }

    [Fact]
    public void EveryMapRowDecidesAtLeastOneOccupation()
    {
        var codes = File.ReadLines(RepoPaths.Source("onet-29.3/Occupation Data.txt")).Skip(1).Select(l => l.Split('\t')[0]).ToList();

        var used = codes.Select(c => Map.EntryFor(c)!.SocPrefix).ToHashSet();

        var unused = Map.Entries.Select(e => e.SocPrefix).Except(used).ToList();

        Assert.Empty(unused);
    }

    [Theory]
    [InlineData("15-1252.00", "Information Technology")]
    [InlineData("11-2021.00", "Marketing")]
    [InlineData("11-3121.00", "Human Resources")]
    [InlineData("41-4011.00", "Sales")]
    [InlineData("29-1141.00", "Healthcare")]
    [InlineData("11-1011.00", "Executive Management")]
    [InlineData("11-2022.00", "Sales")]
    [InlineData("13-2011.00", "Finance & Accounting")]
    [InlineData("23-1011.00", "Legal")]
    [InlineData("43-4051.00", "Customer Support")]
    [InlineData("11-3013.01", "Public Safety & Security")]
    [InlineData("11-3013.00", "Facilities & Maintenance")]
    [InlineData("15-1255.00", "Product & Design")]
    [InlineData("17-2141.00", "Engineering")]
    [InlineData("25-2021.00", "Education & Training")]
    [InlineData("15-1252", "Information Technology")]
    public void KeyOccupationsLandInTheirFunction(string code, string function) =>
        Assert.Equal(function, Map.FunctionFor(code));

    [Fact]
    public void TheMostSpecificRowWins()
    {
        Assert.Equal("11-3013.01", Map.EntryFor("11-3013.01")!.SocPrefix);
        Assert.Equal("11-3013", Map.EntryFor("11-3013.00")!.SocPrefix);
        Assert.Equal("11-3071", Map.EntryFor("11-3071.04")!.SocPrefix);
        Assert.Equal("11-9000", Map.EntryFor("11-9199.09")!.SocPrefix);
    }

    [Theory]
    [InlineData("soc_prefix\tfunction\tnote\n15-12\tIT\t\n", "Row 2: \"15-12\" is not a SOC code like 15-1200 or an O*NET-SOC code like 15-1252.01.")]
    [InlineData("soc_prefix\tfunction\tnote\n15-1200\t\t\n", "Row 2: the code 15-1200 has no function.")]
    [InlineData("soc_prefix\tfunction\tnote\n15-1200\tIT\t\n15-1200\tOther\t\n", "Row 3: the code 15-1200 is mapped twice.")]
    public void AMalformedMapIsRejectedNamingTheRow(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => FunctionMap.Read(new MemoryStream(Encoding.UTF8.GetBytes(text))));

        Assert.Equal(message, error.Message);
    }
}

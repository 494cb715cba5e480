using System.Globalization;
using JobTitleStudio.Core.Text;

namespace JobTitleStudio.Core.Tests.Text;

public class TitleNormalizerTests
{
    private static NormalizedTitle N(string title) => TitleNormalizer.Shipped.Normalize(title);

    [Fact]
    public void Keeps_the_raw_title_untouched()
    {
        const string raw = "  Sr. SWE (Remote) ";
        Assert.Same(raw, N(raw).Raw);
    }

    [Theory]
    [InlineData("VP Mktg", "vice president marketing")]
    [InlineData("Sr. SWE", "senior software engineer")]
    [InlineData("SR Underwriter", "senior underwriter")]
    [InlineData("VP of Op", "vice president of operations")]
    [InlineData("Graphic Designer / Jr. Project Manager", "graphic designer junior project manager")]
    public void Expands_abbreviations_from_the_shipped_table(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Fact]
    public void Expands_acq_with_its_dot()
    {
        Assert.Contains("talent acquisition manager", N("Talent acq. manager").Normalized);
    }

    [Fact]
    public void Keeps_written_tokens_and_expanded_tokens_apart()
    {
        var title = N("VP Mktg");
        Assert.Equal(["vp", "mktg"], title.Tokens);
        Assert.Equal(["vice", "president", "marketing"], title.ExpandedTokens);
    }

    [Theory]
    [InlineData("IT Manager", "information technology manager")]
    [InlineData("it manager", "it manager")]
    [InlineData("IT MANAGER", "information technology manager")]
    [InlineData("AI Engineer", "artificial intelligence engineer")]
    [InlineData("Ai Engineer", "ai engineer")]
    public void Expands_acronyms_that_are_also_words_only_when_written_in_capitals(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Fact]
    public void Leaves_ambiguous_PA_as_written()
    {
        Assert.Equal("pa", N("PA").Normalized);
    }

    [Theory]
    [InlineData("Sys Admin", "systems administrator")]
    [InlineData("Admin Asst", "administrative assistant")]
    public void Uses_the_final_position_expansion_when_the_abbreviation_ends_the_title(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Fact]
    public void Merges_in_the_onet_acronym_list()
    {
        Assert.Equal("licensed practical nurse", N("LPN").Normalized);
        Assert.Equal("onet", TitleLexicon.Shipped.Abbreviations["lpn"].Source);
    }

    [Theory]
    [InlineData("DC Operations Manager", "dc operations manager")]
    [InlineData("HGV Drivers CAT C1", "hgv drivers cat c1")]
    [InlineData("Delivery Driver FO", "delivery driver fo")]
    public void Skips_onet_acronyms_that_are_two_letters_or_also_words(string title, string expected)
    {
        Assert.Equal(expected, N(title).Normalized);
    }

    [Fact]
    public void Removes_bracketed_noise_employment_terms_and_requisition_numbers()
    {
        Assert.Equal("sales engineer", N("Sales Engineer (FULL-TIME) [Remote] Req #12345").Normalized);
    }

    [Theory]
    [InlineData("Nurse - Per Diem", "nurse")]
    [InlineData("Cashier, Part Time, Weekends", "cashier")]
    [InlineData("Barista (Seasonal)", "barista")]
    [InlineData("Accountant - Contract", "accountant")]
    [InlineData("Software Engineer | Hybrid", "software engineer")]
    [InlineData("Nights RN", "registered nurse")]
    public void Removes_employment_terms(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Theory]
    [InlineData("Contract Specialist", "contract specialist")]
    [InlineData("Remote Sensing Scientist", "remote sensing scientist")]
    [InlineData("Contractor", "contractor")]
    public void Keeps_employment_words_that_are_part_of_the_title(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Theory]
    [InlineData("Warehouse Lead - Earn $15.00/hr or more", "warehouse lead earn or more")]
    [InlineData("Customer Service Reps - $12.50 per hour", "customer service representatives")]
    [InlineData("Store Manager $500 Sign-On Bonus", "store manager")]
    [InlineData("Analyst $60,000 a year", "analyst")]
    public void Removes_pay_so_hr_after_an_amount_is_not_human_resources(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Theory]
    [InlineData("Analyst R-0012", "analyst")]
    [InlineData("JR123456 Data Analyst", "data analyst")]
    [InlineData("Data Analyst Job ID: 4471", "data analyst")]
    [InlineData("Welder #88", "welder")]
    [InlineData("911 Dispatcher", "911 dispatcher")]
    public void Removes_requisition_numbers_but_not_numbers_in_titles(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Theory]
    [InlineData("Geschäftsführer (m/w/d)", "geschäftsführer")]
    [InlineData("Verkäufer (w/m/d)", "verkäufer")]
    [InlineData("Verkäufer m/w/d", "verkäufer")]
    [InlineData("Projektleiter (all genders)", "projektleiter")]
    public void Removes_gender_markers(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Theory]
    [InlineData("Leiter/Leiterin Vertrieb", "leiter vertrieb")]
    [InlineData("Leiter:in Vertrieb", "leiter vertrieb")]
    [InlineData("Leiter*in Vertrieb", "leiter vertrieb")]
    [InlineData("LeiterIn Vertrieb", "leiter vertrieb")]
    [InlineData("Leiter/in Vertrieb", "leiter vertrieb")]
    [InlineData("Leiterin Vertrieb", "leiter vertrieb")]
    [InlineData("Verkäuferinnen", "verkäufer")]
    [InlineData("Technischer Leiter/Technische Leiterin", "technischer leiter")]
    [InlineData("directora técnica", "director técnico")]
    [InlineData("Gleiserhaltungstechnikerin", "gleiserhaltungstechniker")]
    [InlineData("coordinador de inventario/coordinadora de inventario", "coordinador de inventario")]
    public void Maps_german_and_spanish_feminine_forms_to_their_base(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Theory]
    [InlineData("Marketing Admin", "marketing administrator")]
    [InlineData("LinkedIn Specialist", "linkedin specialist")]
    [InlineData("Media and Public Relations Coordinator", "media and public relations coordinator")]
    public void Does_not_turn_english_words_into_base_forms(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Fact]
    public void Keeps_umlauts_and_sharp_s_in_the_normalised_form()
    {
        Assert.Equal("straßenbauer", N("Straßenbauer").Normalized);
        Assert.Equal("geschäftsführer", N("GESCHÄFTSFÜHRER").Normalized);
    }

    [Theory]
    [InlineData("Sales &amp; Marketing <b>Director</b>", "sales and marketing director")]
    [InlineData("Sales & Marketing Director", "sales and marketing director")]
    [InlineData("Sales and Marketing Director", "sales and marketing director")]
    public void Strips_html_and_reads_ampersand_as_and(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Fact]
    public void Applies_unicode_compatibility_normalisation()
    {
        Assert.Equal("software engineer", N("Ｓｏｆｔｗａｒｅ　Ｅｎｇｉｎｅｅｒ").Normalized);
    }

    [Theory]
    [InlineData("R&D Manager", "research and development manager")]
    [InlineData("Director's Assistant", "director assistant")]
    [InlineData("U.S. Army Officer", "us army officer")]
    [InlineData("C++ Developer", "c++ developer")]
    [InlineData("Co-Founder", "co founder")]
    public void Handles_punctuation_inside_words(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Theory]
    [InlineData("Infection Control Practitioner (ICP)", "infection control practitioner")]
    [InlineData("Triage RN (Triage Registered Nurse)", "triage registered nurse")]
    public void Drops_a_bracketed_spelling_out_that_repeats_the_title(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);

    [Fact]
    public void Records_where_each_part_of_the_title_starts()
    {
        var title = N("Graphic Designer / Jr. Project Manager");
        Assert.Equal([0, 2], title.PartStarts);
        Assert.Equal([0], N("Sales & Marketing Director").PartStarts);
    }

    [Theory]
    [InlineData("", JunkKind.Empty)]
    [InlineData("   ", JunkKind.Empty)]
    [InlineData(null, JunkKind.Empty)]
    [InlineData("10/6;", JunkKind.NoLetters)]
    [InlineData("Have!", JunkKind.NoTitleWord)]
    [InlineData("(Full-time) Req #4411", JunkKind.NothingLeft)]
    [InlineData("\u0000\u0001abc", JunkKind.ControlCharacters)]
    public void Calls_junk_junk_with_its_reason(string? title, JunkKind kind)
    {
        var junk = N(title!).Junk;
        Assert.NotNull(junk);
        Assert.Equal(kind, junk.Kind);
        Assert.False(string.IsNullOrWhiteSpace(junk.Reason));
    }

    [Theory]
    [InlineData("Sales Manager{0}", 0xD83D, "manager")]
    [InlineData("Sales {0} Manager", 0xDE00, "manager")]
    [InlineData("{0}{0} Engineer", 0xD83D, "engineer")]
    public void Calls_a_title_with_a_lone_surrogate_binary_junk_instead_of_failing(string template, int surrogate, string word)
    {
        // Built here: an attribute's strings are stored as UTF-8, which turns a lone surrogate into U+FFFD.
        var title = string.Format(CultureInfo.InvariantCulture, template, (char)surrogate);
        var normalized = N(title);
        Assert.Equal(JunkKind.ControlCharacters, normalized.Junk?.Kind);
        Assert.Equal(title, normalized.Raw);
        Assert.Contains(word, normalized.Normalized);
    }

    [Fact]
    public void Calls_a_301_character_title_too_long()
    {
        var title = N(string.Concat(Enumerable.Repeat("Manager ", 37)) + "Chief");
        Assert.Equal(301, title.Raw.Length);
        Assert.Equal(JunkKind.TooLong, title.Junk!.Kind);
        Assert.Contains("301", title.Junk.Reason);
    }

    [Fact]
    public void Still_normalises_binary_junk_for_display()
    {
        Assert.Equal("abc", N("\u0000\u0001abc").Normalized);
    }

    [Theory]
    [InlineData("Queen of the World")]
    [InlineData("Recriuter")]
    [InlineData("Geschäftsführer")]
    [InlineData("Ingeniero de software")]
    [InlineData("Sales Engineer")]
    [InlineData("CEO")]
    public void Does_not_call_real_titles_junk(string title) =>
        Assert.Null(N(title).Junk);

    [Theory]
    [InlineData("Qwzx Vbnm (Qwzx Vbnm)", true)]
    [InlineData("Qwzx Vbnm Engineer (Qwzx Vbnm Engineer)", false)]
    [InlineData("Qwzx (Qwzx) Vbnm Plork", false)]
    public void Counts_unknown_words_for_the_junk_check_once_when_a_part_repeats(string title, bool junk) =>
        Assert.Equal(junk, N(title).Junk?.Kind == JunkKind.NoTitleWord);

    [Fact]
    public void Returns_known_words_as_the_lexicon_strings_and_one_array_when_nothing_expands()
    {
        var title = N("Senior Sales Engineer");
        Assert.True(TitleLexicon.Shipped.VocabularyLookup.TryGetValue("engineer", out var shared));
        Assert.Same(shared, title.Tokens[2]);
        Assert.Same(title.Tokens, title.ExpandedTokens);
        Assert.NotSame(N("VP Sales").Tokens, N("VP Sales").ExpandedTokens);
    }

    [Theory]
    [InlineData("Remote Sensing Scientist - Remote", "remote sensing scientist")]
    [InlineData("Leiterin Vertrieb (Teilzeit)", "leiter vertrieb")]
    [InlineData("IT Manager", "information technology manager")]
    [InlineData("it manager", "it manager")]
    public void Reads_noise_feminine_forms_and_abbreviations_from_one_lookup_per_token(string title, string expected) =>
        Assert.Equal(expected, N(title).Normalized);
}

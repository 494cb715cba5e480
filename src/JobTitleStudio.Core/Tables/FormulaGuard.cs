namespace JobTitleStudio.Core.Tables;

/// <summary>
/// Neutralises spreadsheet formula injection (OWASP "CSV Injection") in exported cells: a cell that starts
/// with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return gets a leading apostrophe, which
/// spreadsheets show as text instead of evaluating. A plain number (optional sign, digits, optional
/// decimal point and digits, like <c>-5</c> or <c>+3.25</c>) is left alone: it cannot run anything and
/// users expect it to stay a number. Anything longer, such as <c>+33 1 23 45</c> or <c>-2+3</c>, is prefixed.
/// </summary>
public static class FormulaGuard
{
    /// <summary>True when a spreadsheet could read the value as a formula.</summary>
    public static bool IsRisky(string? value)
    {
        if (string.IsNullOrEmpty(value) || value[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
        {
            return false;
        }
        return !IsSignedNumber(value);
    }

    /// <summary>The value with a leading apostrophe when <see cref="IsRisky"/>; otherwise the value itself.</summary>
    public static string Neutralise(string? value) =>
        value is null ? string.Empty : IsRisky(value) ? "'" + value : value;

    private static bool IsSignedNumber(string value)
    {
        if (value[0] is not ('+' or '-') || value.Length < 2)
        {
            return false;
        }
        var digits = 0;
        var point = false;
        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c == '.' && !point && digits > 0 && i < value.Length - 1)
            {
                point = true;
            }
            else
            {
                return false;
            }
        }
        return digits > 0;
    }
}

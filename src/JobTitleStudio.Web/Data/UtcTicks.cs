using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace JobTitleStudio.Web.Data;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as UTC ticks: SQLite has no date-time type, and ticks keep
/// ordering and range comparisons correct in SQL.
/// </summary>
public sealed class UtcTicks() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

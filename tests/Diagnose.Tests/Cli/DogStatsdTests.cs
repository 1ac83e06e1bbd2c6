using System.Globalization;
using Diagnose.Cli.Watching;
using NUnit.Framework;

namespace Diagnose.Tests.Cli;

/// <summary>Metric values as DogStatsD datagrams.</summary>
public sealed class DogStatsdTests
{
    [TestCase("incr", 1, "orders:1|c")]
    [TestCase("hist", 0.25, "orders:0.25|h")]
    [TestCase("gauge", -3.5, "orders:-3.5|g")]
    [TestCase("incr", 1e21, "orders:1E+21|c")]
    public void EachTypeHasItsStatsdType(string type, double value, string line)
    {
        Assert.That(DogStatsd.Format(type, "orders", value, []), Is.EqualTo(line));
    }

    [Test]
    public void TagsFollowAfterAHash()
    {
        Assert.That(DogStatsd.Format("incr", "orders", 1, ["region:eu", "vip"]), Is.EqualTo("orders:1|c|#region:eu,vip"));
    }

    [Test]
    public void ReservedCharactersAreReplaced()
    {
        Assert.That(DogStatsd.Format("hist", "a:b|c@d e", 2, ["x:1,2", "y|z", "#", ""]), Is.EqualTo("a_b_c_d_e:2|h|#x:1_2,y_z"));
    }

    [Test]
    public void NumbersAreWrittenTheSameInEveryCulture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.That(DogStatsd.Format("gauge", "g", 1234.5, []), Is.EqualTo("g:1234.5|g"));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [TestCase("log", 1)]
    [TestCase("test", 1)]
    [TestCase("incr", double.NaN)]
    [TestCase("hist", double.PositiveInfinity)]
    public void WhatStatsdCannotHoldIsNotSent(string type, double value)
    {
        Assert.That(DogStatsd.Format(type, "x", value, []), Is.Null);
    }
}

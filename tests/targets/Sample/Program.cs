namespace Sample; internal static class Program { private static void Main() { } }

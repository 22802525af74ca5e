namespace FunctionalGroups.Orleans.Tests; internal static class Placeholder { }

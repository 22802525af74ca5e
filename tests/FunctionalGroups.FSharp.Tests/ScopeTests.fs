module FunctionalGroups.FSharp.Tests.ScopeTests

module FunctionalGroups.FSharp.Tests.ParTests

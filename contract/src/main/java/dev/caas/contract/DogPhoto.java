package dev.caas.contract;

/** Step 1's result: the upstream's JPEG bytes and which file they are. */
public record DogPhoto(String filename, byte[] jpeg) {}

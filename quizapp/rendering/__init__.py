"""Bank text and pictures made safe to draw: Qt GUI documents and images, no widgets."""

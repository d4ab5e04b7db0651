import './components/glimpse-app.ts';
